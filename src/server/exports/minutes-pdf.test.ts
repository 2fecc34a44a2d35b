import { describe, expect, it } from 'vitest';
import { renderMinutesPdf } from './minutes-pdf.ts';
import { sampleExport } from './sample-export.fixture.ts';
import { pdfText } from './read-back.fixture.ts';

/** pdftotext may break a long line anywhere; compare without whitespace. */
const squash = (text: string) => text.replace(/\s+/g, '');

describe('renderMinutesPdf', () => {
  it('prints the whole record in Chinese that text extraction returns', async () => {
    const pdf = await renderMinutesPdf(sampleExport());
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-');
    const text = squash(await pdfText(pdf));
    for (const expected of [
      '跨部门协作沟通记录表',
      '2024年Q3新品发布会筹备',
      '基础信息',
      '覆盖10万+目标用户，转化率5%',
      '第1次会议·新品发布会启动会',
      '议题1：新品发布会嘉宾邀请',
      '研发部建议邀请行业KOL，销售部建议优先合作渠户',
      '无反馈',
      '邀请2位KOL+3家核心渠户',
      '行动项清单',
      '设计部完成发布会主视觉初稿',
      '3版主视觉设计稿',
      '整体进度',
      '按计划推进，无重大风险',
      '风险与备注',
      '客户名单需销售部确认优先级，7月13日前同步市场部',
      '初稿延期2天，因客户需求调整',
      '交付成果/行动项01-主视觉初稿.png',
      '议题2：受限内容',
    ]) {
      expect(text).toContain(squash(expected));
    }
  });

  it('embeds a subset of the font, so a short record stays small', async () => {
    const pdf = await renderMinutesPdf(sampleExport());
    expect(pdf.length).toBeLessThan(200 * 1024);
    expect(pdf.toString('latin1')).toMatch(/\/BaseFont \/[A-Z]{6}\+NotoSansSC/);
  });

  it('prints one meeting as its minutes with that meeting’s items', async () => {
    const text = squash(await pdfText(await renderMinutesPdf(sampleExport({ meetingId: 'm-1', remarks: [], attachments: [] }))));
    expect(text).toContain('会议纪要');
    expect(text).toContain(squash('2024年Q3新品发布会筹备 · 第 1 次会议 · 新品发布会启动会'));
    expect(text).toContain('设计部完成发布会主视觉初稿');
    expect(text).not.toContain('风险与备注');
  });

  it('speaks English when the export is English, keeping the record’s own words', async () => {
    const text = squash(await pdfText(await renderMinutesPdf(sampleExport({ locale: 'en', restrictedText: 'Restricted content' }))));
    expect(text).toContain('Cross-departmentcollaborationrecord');
    expect(text).toContain('Actionitems');
    expect(text).toContain('设计部完成发布会主视觉初稿');
  });

  it('flows a table cell taller than a page as text instead of cutting it off', async () => {
    const model = sampleExport();
    const long = `${'客户反馈需求传递不清晰，需要研发部、销售部和设计部共同确认发布会流程。'.repeat(120)}结尾标记句`;
    model.meetings[0]!.topics[0]!.feedback[0]!.text = long;
    const text = squash(await pdfText(await renderMinutesPdf(model)));
    expect(text).toContain('结尾标记句');
    expect(text).toContain('3版主视觉设计稿');
  });
});
