import { describe, expect, it } from 'vitest';
import { renderMinutesDocx } from './minutes-docx.ts';
import { sampleExport } from './sample-export.fixture.ts';
import { docxText, zipEntries } from './read-back.fixture.ts';

describe('renderMinutesDocx', () => {
  it('writes the record into word/document.xml', async () => {
    const docx = await renderMinutesDocx(sampleExport());
    const { text } = await docxText(docx);
    for (const expected of ['跨部门协作沟通记录表', '2024年Q3新品发布会筹备', '研发部建议邀请行业KOL，销售部建议优先合作渠户', '无反馈', '设计部完成发布会主视觉初稿', '按计划推进，无重大风险', '议题 2：受限内容']) {
      expect(text).toContain(expected);
    }
  });

  it('sets an East Asian font and zh-CN so Word renders Chinese in a Chinese face', async () => {
    const docx = await renderMinutesDocx(sampleExport());
    const entries = await zipEntries(docx);
    const styles = entries.get('word/styles.xml')!.toString('utf8');
    expect(styles).toMatch(/<w:rFonts [^>]*w:eastAsia="Microsoft YaHei"/);
    expect(styles).toMatch(/<w:lang [^>]*w:eastAsia="zh-CN"/);
    const { xml } = await docxText(docx);
    expect(xml).toMatch(/w:eastAsia="Microsoft YaHei"/);
  });

  it('writes one meeting’s minutes', async () => {
    const { text } = await docxText(await renderMinutesDocx(sampleExport({ meetingId: 'm-1', remarks: [], attachments: [] })));
    expect(text).toContain('会议纪要');
    expect(text).not.toContain('风险与备注');
  });
});
