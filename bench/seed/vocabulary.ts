/**
 * The words the seeded company speaks: department names, collaboration themes, topics, feedback, delay
 * reasons, remedies and remarks, in the template's register (跨部门协作沟通记录表). The seeder draws from
 * these lists with a seeded hash, so the text reads like real minutes, repeats like real minutes (the
 * review's frequent phrases find something) and gives search 2–4 character queries with realistic hit
 * counts. Entries under `sensitive*` carry the kind of content rule 10 hides (cost data, quotes, salaries).
 */

/** Business units; each has one department per function below, and is itself the parent department. */
export const divisions = ['华东事业部', '华南事业部', '华北事业部', '西南事业部', '消费电子事业部', '智能家居事业部', '企业服务事业部', '海外事业部', '新零售事业部', '集团总部'];

export const functions = [
  '市场部', '研发部', '销售部', '设计部', '客服部', '行政部', '财务部', '法务部', '采购部', '供应链部',
  '质量部', '运营部', '品牌部', '人力资源部', '信息技术部', '数据部', '产品部', '测试部', '渠道部',
];

export const surnames = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '高', '林', '罗',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹', '彭', '曾', '肖', '田', '董', '袁', '潘', '于', '蒋', '蔡',
];

export const givenNames = [
  '伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '军', '洋', '勇', '艳', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平',
  '刚', '桂英', '建华', '晓东', '文博', '子涵', '雨欣', '浩然', '思远', '佳怡', '宇航', '梓萱', '一鸣', '欣怡', '俊杰', '诗涵',
  '志强', '海燕', '立新', '春梅', '国庆', '红霞', '建国', '晓燕', '鹏飞', '丹丹', '晨曦', '嘉伟', '若曦', '天宇',
];

/** Collaboration themes (协作主题), prefixed with the year and quarter when seeded: "2019年Q3新品发布会筹备". */
export const themes = [
  '新品发布会筹备', '双十一大促备战', '618年中大促', '客户投诉专项处理', '系统升级切换', '年度预算编制', '渠道政策调整',
  '品牌焕新项目', '供应链降本专项', '门店数字化改造', 'CRM系统上线', '海外市场拓展', '会员体系升级', '售后流程优化',
  '季度目标拆解', '月度业务复盘', '跨部门流程优化', '突发舆情应对', '临时资源调配', '新员工入职流程梳理', '数据中台建设',
  '直播电商试点', '经销商大会', '产品质量整改', '合规审计配合', '办公园区搬迁', '招投标项目支持', '核心客户续约',
  '新品定价评审', '包装设计改版', '物流时效提升', '线上商城改版', '小程序上线', '用户调研项目', '行业展会参展',
];

/** Where a collaboration happens or whom it serves, between the period and the theme: "2019年Q3华东新品发布会筹备". */
export const regions = ['华东', '华南', '华北', '西南', '北京', '上海', '深圳', '成都', '杭州', '武汉', '西安', '南京', '苏州', '广州', '重点客户', '海外'];

export const goals = [
  '覆盖10万+目标用户，转化率5%', '投诉处理时效缩短至24小时内', '上线零故障，切换窗口不超过4小时', '成本下降8%，交付周期不变',
  '新增经销商30家，季度销售额增长15%', '会员复购率提升至35%', '客户满意度达到92分', '曝光量500万+，线索2000条',
  '预算偏差控制在3%以内', '门店覆盖率达到80%', '首月活跃用户5万', '退货率下降2个百分点', '按期交付率不低于95%',
];

/** Agenda entries and topic titles (议题). */
export const topicTitles = [
  '新品发布会时间与流程', '发布会预算分配', '跨部门分工与协作接口', '嘉宾邀请', '主视觉设计方向', '客户名单确认',
  '物料制作与采购', '直播方案评审', '场地选择', '媒体投放计划', '样品交付节点', '技术方案评审', '上线切换方案',
  '风险预案', '数据口径统一', '渠道激励政策', '售后话术培训', '投诉根因分析', '整改措施落实', '供应商评估',
  '库存与备货', '价格策略', '合同条款审核', '验收标准确认', '进度同步与问题协调', '资源冲突协调', '人员排班',
  '需求优先级排序', '测试计划', '培训安排',
];

/** Suggestions one department makes in the discussion ("研发部建议邀请行业KOL"). */
export const suggestions = [
  '建议邀请行业KOL', '建议优先合作渠户', '建议压缩首批物料数量', '建议分两期上线', '建议增加灰度验证环节',
  '建议提前锁定场地', '建议复用去年的主视觉素材', '建议增加线上直播', '建议先做小范围试点', '建议统一数据口径后再评估',
  '建议引入第三方评估', '建议调整发布时间避开竞品', '建议将预算向渠道倾斜', '建议增加客服排班', '建议明确验收标准',
  '建议每周同步一次进度', '建议设置专人对接', '建议优先处理高价值客户', '建议延长测试周期', '建议简化审批流程',
];

export const consensus = [
  '邀请2位KOL+3家核心渠户', '分两期上线，首期覆盖华东区域', '预算按市场60%、渠道40%分配', '下周三前完成方案定稿',
  '由发起部门统一对外口径', '先在3家门店试点两周', '按原计划推进，每周五同步进度', '增加一轮用户测试后再发布',
  '采购部牵头完成供应商比价', '客服部补充常见问题话术', '数据部提供统一报表口径', '设计部输出3版方案供选择',
];

/** Disagreements (分歧点) and problem statements — the phrases the quarterly review should find recurring. */
export const disagreements = [
  '研发部反馈需求传递不清晰', '销售部认为排期过于紧张', '设计部认为需求变更过于频繁', '财务部对预算口径有异议',
  '客服部反馈信息同步滞后', '运营部认为资源投入不足', '采购部认为供应商交期无法保证', '市场部与销售部对目标客户划分有分歧',
  '质量部认为测试时间不足', '法务部认为合同风险条款需补充', '产品部认为优先级不明确', '渠道部反馈政策传达不到位',
];

export const problemTags = ['需求传递不清晰', '排期紧张', '资源不足', '信息同步滞后', '责任边界模糊', '需求变更频繁', '预算超支', '依赖未就绪', '沟通成本高', '审批流程长'];

/** Per-department feedback rows (各方反馈). */
export const feedbackTexts = [
  '同意，按计划配合', '同意，需补充详细排期', '有条件同意：需先确认预算', '暂无异议', '同意，人员已安排到位',
  '需要内部评估后答复', '同意，但交付时间需顺延两天', '不同意当前方案，建议重新评估', '同意，物料由本部门负责',
  '同意，需市场部提供素材', '反馈需求传递不清晰，希望补充需求文档', '资源紧张，需协调外部支持', '同意，测试环境本周内就绪',
  '同意，客户名单周三前提供', '建议增加一次评审', '同意，已与供应商确认交期',
];

/** Action item descriptions: "<department> + <task>"; deliverables beside them. */
export const tasks = [
  '完成产品样品交付', '提供核心客户邀请名单（含联系方式）', '完成发布会主视觉初稿', '输出直播方案', '完成场地预订',
  '完成媒体投放排期', '提交预算明细', '完成供应商比价', '输出上线切换方案', '完成回归测试', '整理投诉根因分析报告',
  '更新客服话术手册', '完成合同条款审核', '提供统一数据报表', '完成培训课件', '确认验收标准', '完成物料采购',
  '完成小程序页面开发', '提交风险预案', '完成用户调研问卷', '输出竞品分析报告', '完成渠道政策文件', '整理会议纪要并发布',
];

export const deliverables = [
  '3版主视觉设计稿', '客户邀请名单Excel', '样品10台', '直播脚本及排期表', '场地合同扫描件', '投放排期表', '预算明细表',
  '比价报告', '切换方案文档', '测试报告', '根因分析报告', '话术手册V2', '合同审核意见', '数据报表', '培训课件PPT',
  '验收标准文档', '采购订单', '上线版本', '风险预案文档', '调研问卷及结果', '竞品分析报告', '政策文件', '会议纪要',
];

/** Progress status texts (当前进度); the percentage is appended when seeded ("设计中-完成80%"). */
export const statusTexts = ['设计中', '开发中', '测试中', '对接中', '整理中', '审核中', '采购中', '排期中', '执行中', '准备中'];

/** Delay reasons (延期原因) keyed by the organisation's default delay codes. */
export const delayReasons: { code: string; text: string }[] = [
  { code: 'requirement_change', text: '初稿延期2天，因客户需求调整' },
  { code: 'requirement_change', text: '需求变更，方案需重新评审' },
  { code: 'insufficient_resources', text: '设计资源不足，排期冲突' },
  { code: 'insufficient_resources', text: '人手紧张，需协调支援' },
  { code: 'dependency_not_ready', text: '依赖研发部接口未就绪' },
  { code: 'dependency_not_ready', text: '等待销售部确认客户名单' },
  { code: 'technical_difficulty', text: '性能问题排查耗时超出预期' },
  { code: 'technical_difficulty', text: '兼容性问题需要额外测试' },
  { code: 'external_factors', text: '供应商交期延误' },
  { code: 'external_factors', text: '场地方临时调整档期' },
  { code: 'other', text: '审批流程较长，尚未签批' },
];

export const remedies = [
  '已协调设计师加班完成', '已申请外部支援', '已与供应商确认新交期', '拆分为两期交付', '已调整排期并同步各方',
  '已升级至部门负责人协调', '增加每日站会跟进', '已启用备选方案',
];

export const remarks = [
  '客户名单需销售部确认优先级，7月13日前同步市场部', '按计划推进，无重大风险', '预算审批流程较长，可能影响采购进度',
  '供应商产能紧张，需提前锁定', '研发部反馈需求传递不清晰，已安排需求澄清会', '已升级至分管副总协调资源',
  '部分物料到货延迟，已启用备选供应商', '测试环境不稳定，需信息技术部支持', '渠道反馈积极，建议追加投放',
];

export const progressSummaries = ['按计划推进，无重大风险', '整体进度正常，个别事项延期', '存在资源冲突，需协调', '关键节点延期，已制定补救措施', '已完成主要交付，收尾中'];


/** Sensitive topic and item text: cost data, quotes, salaries — shown only to the users named. */
export const sensitiveTopics = ['成本数据核对', '供应商报价对比', '核心人员薪酬调整', '渠道返点政策', '客户合同金额确认', '裁撤方案讨论'];
export const sensitiveDetails = [
  '单台成本386元，较上季度下降4.2%', '甲供应商报价128万元，乙供应商报价119万元', '核心团队调薪幅度8%-12%',
  '一级渠道返点提高至6%', '合同金额2,350万元，分三期付款', '涉及岗位32个，补偿方案N+1',
];

/** Small member companies beside the big one (tenant scoping): prefix + kind. */
export const companyPrefixes = ['云帆', '启明', '华信', '天成', '博远', '锦程', '鼎新', '瑞丰', '远航', '嘉禾'];
export const companyKinds = ['科技有限公司', '贸易有限公司', '咨询有限公司', '设计工作室', '文化传媒有限公司'];
export const onlineLocations = ['腾讯会议', '钉钉视频会议', '飞书会议'];
export const offlineLocations = ['3楼会议室', '5楼大会议室', '2楼培训室', '总部1号会议室', '园区B座报告厅', '客户现场'];
