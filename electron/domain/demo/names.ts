import type { ChannelType } from '../../../shared/enums';
import type { Region } from './geography';

/** Word pools for the demo network. Pinyin goes with each word so English names and e-mail addresses match the Chinese. */

/** Common surnames, weighted roughly by frequency. */
export const SURNAMES: Array<[zh: string, pinyin: string, weight: number]> = [
  ['王', 'wang', 10], ['李', 'li', 10], ['张', 'zhang', 9], ['刘', 'liu', 7], ['陈', 'chen', 7], ['杨', 'yang', 5],
  ['黄', 'huang', 4], ['赵', 'zhao', 4], ['吴', 'wu', 4], ['周', 'zhou', 4], ['徐', 'xu', 3], ['孙', 'sun', 3],
  ['马', 'ma', 3], ['朱', 'zhu', 3], ['胡', 'hu', 3], ['郭', 'guo', 2], ['何', 'he', 2], ['林', 'lin', 2],
  ['罗', 'luo', 2], ['高', 'gao', 2], ['郑', 'zheng', 2], ['梁', 'liang', 2], ['谢', 'xie', 2], ['宋', 'song', 2],
  ['唐', 'tang', 2], ['许', 'xu', 2], ['韩', 'han', 2], ['冯', 'feng', 2], ['邓', 'deng', 2], ['曹', 'cao', 2],
  ['彭', 'peng', 1], ['曾', 'zeng', 1], ['萧', 'xiao', 1], ['田', 'tian', 1], ['董', 'dong', 1], ['潘', 'pan', 1],
  ['袁', 'yuan', 1], ['蔡', 'cai', 1], ['蒋', 'jiang', 1], ['余', 'yu', 1], ['杜', 'du', 1], ['叶', 'ye', 1],
  ['程', 'cheng', 1], ['魏', 'wei', 1], ['苏', 'su', 1], ['吕', 'lv', 1], ['丁', 'ding', 1], ['任', 'ren', 1],
  ['欧阳', 'ouyang', 1], ['司马', 'sima', 1],
];

/** Characters used in given names. */
export const GIVEN_CHARS: Array<[zh: string, pinyin: string]> = [
  ['伟', 'wei'], ['芳', 'fang'], ['娜', 'na'], ['敏', 'min'], ['静', 'jing'], ['丽', 'li'], ['强', 'qiang'], ['磊', 'lei'],
  ['军', 'jun'], ['洋', 'yang'], ['勇', 'yong'], ['艳', 'yan'], ['杰', 'jie'], ['娟', 'juan'], ['涛', 'tao'], ['明', 'ming'],
  ['超', 'chao'], ['秀', 'xiu'], ['霞', 'xia'], ['平', 'ping'], ['刚', 'gang'], ['桂', 'gui'], ['华', 'hua'], ['建', 'jian'],
  ['国', 'guo'], ['文', 'wen'], ['辉', 'hui'], ['鹏', 'peng'], ['宇', 'yu'], ['浩', 'hao'], ['婷', 'ting'], ['雪', 'xue'],
  ['琳', 'lin'], ['晨', 'chen'], ['欣', 'xin'], ['博', 'bo'], ['佳', 'jia'], ['俊', 'jun'], ['凯', 'kai'], ['倩', 'qian'],
  ['思', 'si'], ['雨', 'yu'], ['子', 'zi'], ['嘉', 'jia'], ['振', 'zhen'], ['海', 'hai'], ['晓', 'xiao'], ['志', 'zhi'],
  ['春', 'chun'], ['玉', 'yu'], ['红', 'hong'], ['斌', 'bin'], ['琦', 'qi'], ['彤', 'tong'], ['悦', 'yue'], ['航', 'hang'],
];

/** 字号: the distinctive part of a company name. */
export const TRADE_NAMES: Array<[zh: string, pinyin: string]> = [
  ['恒信', 'Hengxin'], ['华瑞', 'Huarui'], ['鼎盛', 'Dingsheng'], ['博远', 'Boyuan'], ['嘉禾', 'Jiahe'], ['中联', 'Zhonglian'],
  ['金鹏', 'Jinpeng'], ['汇通', 'Huitong'], ['瑞丰', 'Ruifeng'], ['宏达', 'Hongda'], ['永泰', 'Yongtai'], ['新航', 'Xinhang'],
  ['天成', 'Tiancheng'], ['明德', 'Mingde'], ['启航', 'Qihang'], ['盛世', 'Shengshi'], ['泰和', 'Taihe'], ['广源', 'Guangyuan'],
  ['九州', 'Jiuzhou'], ['东方', 'Dongfang'], ['长城', 'Changcheng'], ['聚贤', 'Juxian'], ['众诚', 'Zhongcheng'], ['百川', 'Baichuan'],
  ['万达', 'Wanda'], ['信达', 'Xinda'], ['德润', 'Derun'], ['兴业', 'Xingye'], ['昌盛', 'Changsheng'], ['弘毅', 'Hongyi'],
  ['卓越', 'Zhuoyue'], ['安泰', 'Antai'], ['锦程', 'Jincheng'], ['凯旋', 'Kaixuan'], ['元亨', 'Yuanheng'], ['立诚', 'Licheng'],
  ['海纳', 'Haina'], ['蓝海', 'Lanhai'], ['睿智', 'Ruizhi'], ['优联', 'Youlian'], ['星辰', 'Xingchen'], ['云帆', 'Yunfan'],
  ['鑫源', 'Xinyuan'], ['荣达', 'Rongda'], ['和信', 'Hexin'], ['正泰', 'Zhengtai'], ['同创', 'Tongchuang'], ['佳和', 'Jiahe'],
  ['远景', 'Yuanjing'], ['致远', 'Zhiyuan'], ['合众', 'Hezhong'], ['旭日', 'Xuri'], ['朗新', 'Langxin'], ['腾跃', 'Tengyue'],
  ['华鼎', 'Huading'], ['盈科', 'Yingke'], ['诚通', 'Chengtong'], ['世纪', 'Shiji'], ['润泽', 'Runze'], ['万邦', 'Wanbang'],
];

/** 行业: what the company says it does, by channel type (zh, en). */
export const INDUSTRIES: Record<ChannelType, Array<[zh: string, en: string]>> = {
  direct: [['科技', 'Technology'], ['信息技术', 'Information Technology'], ['智能科技', 'Smart Technology']],
  agent: [['商贸', 'Trading'], ['贸易', 'Trading'], ['科技', 'Technology'], ['实业', 'Industrial']],
  dealer: [['商贸', 'Trading'], ['电器', 'Electrical Appliances'], ['数码科技', 'Digital Technology'], ['实业', 'Industrial'], ['智能科技', 'Smart Technology']],
  distributor: [['供应链管理', 'Supply Chain Management'], ['贸易', 'Trading'], ['电子', 'Electronics'], ['物资', 'Materials']],
  retail: [['电器', 'Electrical Appliances'], ['数码', 'Digital'], ['百货', 'Department Store'], ['商贸', 'Trading']],
  ecommerce: [['电子商务', 'E-commerce'], ['网络科技', 'Network Technology'], ['互联网科技', 'Internet Technology']],
  alliance: [['信息技术', 'Information Technology'], ['系统集成', 'Systems Integration'], ['工程技术', 'Engineering'], ['软件', 'Software']],
  telesales: [['信息咨询', 'Information Consulting'], ['网络科技', 'Network Technology'], ['营销策划', 'Marketing Services']],
};

/** 公司类型 with how often it occurs; 股份有限公司 mostly for strategic partners. */
export const COMPANY_FORMS: Array<[zh: string, en: string]> = [
  ['有限公司', 'Co., Ltd.'],
  ['有限责任公司', 'Co., Ltd.'],
  ['股份有限公司', 'Corporation'],
];

/** Banks: name, length of a corporate account number, its leading digits. */
export const BANKS: Array<[name: string, accountLength: number, prefix: string]> = [
  ['中国工商银行', 19, '12'],
  ['中国建设银行', 20, '3305'],
  ['中国农业银行', 19, '19'],
  ['中国银行', 12, '3'],
  ['交通银行', 21, '3310'],
  ['招商银行', 15, '571'],
  ['中信银行', 19, '811'],
  ['浦发银行', 18, '95'],
  ['兴业银行', 18, '35'],
  ['中国民生银行', 16, '69'],
];

export const BRANCH_WORDS = ['分行营业部', '高新支行', '城东支行', '城西支行', '开发区支行', '中山路支行', '人民路支行', '滨江支行', '新区支行', '解放路支行'];

export const ROADS = ['人民路', '解放路', '中山路', '建设路', '和平路', '长江路', '新华路', '科技路', '工业大道', '滨江大道', '文化路', '学府路', '迎宾大道', '南京路', '创业路', '金融街', '世纪大道', '光明路'];
export const BUILDINGS = ['国际大厦', '科技园', '商务中心', '金融中心', '创业园', '广场', '产业园', '写字楼'];

/** Mobile number prefixes of the three carriers. */
export const MOBILE_PREFIXES = ['138', '139', '135', '136', '137', '150', '151', '152', '158', '159', '182', '187', '188', '130', '131', '132', '155', '156', '185', '186', '133', '153', '180', '181', '189', '177', '199'];

/** The company's channel managers (partner owners), each covering one or two regions. */
export const CHANNEL_MANAGERS: Array<[name: string, regions: Region[]]> = [
  ['王磊', ['华东']],
  ['陈静', ['华东']],
  ['周杰', ['华东']],
  ['李娜', ['华南']],
  ['黄志强', ['华南']],
  ['张伟', ['华北']],
  ['刘洋', ['华北', '东北']],
  ['赵敏', ['华中']],
  ['孙浩', ['西南']],
  ['马丽', ['西北', '西南']],
  ['郭鹏', ['东北']],
];

/** Feedback comments by score (1 = very dissatisfied … 5 = very satisfied). */
export const FEEDBACK_COMMENTS: Record<1 | 2 | 3 | 4 | 5, string[]> = {
  1: ['返利结算严重延迟，影响资金周转', '窜货问题长期得不到处理', '售后响应太慢，客户投诉很多', '价格体系混乱，线上价格低于我们的进货价', '渠道经理很少回访，问题无人跟进'],
  2: ['返利政策变化太频繁，不好规划', '到货周期偏长，旺季经常断货', '培训资料更新不及时', '对账流程繁琐，希望简化', '市场支持费用审批太慢'],
  3: ['整体合作正常，希望加强市场支持', '产品有竞争力，但价格压力较大', '系统下单还算顺畅，对账有时出错', '希望增加区域保护政策', '培训内容不错，但场次太少'],
  4: ['渠道经理响应及时，合作顺畅', '新品推广资料很有帮助', '返利计算清楚，到账及时', '大促备货支持到位', '技术支持专业，问题解决快'],
  5: ['合作非常愉快，期待明年继续加大投入', '政策清晰透明，支持力度大', '产品口碑好，客户复购率高', '渠道经理非常专业，服务周到', '培训体系完善，团队能力提升明显'],
};
