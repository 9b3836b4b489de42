/** The seven standard regions the demo spreads partners over (the seeded top-level territories, by Chinese name). */
export const DEMO_REGIONS = ['华东', '华南', '华北', '华中', '西南', '西北', '东北'] as const;
export type Region = (typeof DEMO_REGIONS)[number];

/** A city: official name, pinyin (for English names and e-mail domains), the first 4 digits of its division code, a weight. */
export interface City {
  name: string;
  pinyin: string;
  division4: string;
  weight: number;
}

export interface Province {
  name: string;
  cities: City[];
}

const c = (name: string, pinyin: string, division4: string, weight = 1): City => ({ name, pinyin, division4, weight });

/** The seven sales regions as channel teams use them, with real provinces and their larger cities. */
export const GEOGRAPHY: Record<Region, Province[]> = {
  华东: [
    { name: '上海市', cities: [c('上海市', 'Shanghai', '3101', 5)] },
    { name: '江苏省', cities: [c('南京市', 'Nanjing', '3201', 3), c('苏州市', 'Suzhou', '3205', 3), c('无锡市', 'Wuxi', '3202', 2), c('常州市', 'Changzhou', '3204'), c('南通市', 'Nantong', '3206')] },
    { name: '浙江省', cities: [c('杭州市', 'Hangzhou', '3301', 4), c('宁波市', 'Ningbo', '3302', 2), c('温州市', 'Wenzhou', '3303', 2), c('金华市', 'Jinhua', '3307'), c('绍兴市', 'Shaoxing', '3306')] },
    { name: '安徽省', cities: [c('合肥市', 'Hefei', '3401', 2), c('芜湖市', 'Wuhu', '3402')] },
    { name: '福建省', cities: [c('福州市', 'Fuzhou', '3501', 2), c('厦门市', 'Xiamen', '3502', 2), c('泉州市', 'Quanzhou', '3505')] },
    { name: '江西省', cities: [c('南昌市', 'Nanchang', '3601', 2), c('赣州市', 'Ganzhou', '3607')] },
    { name: '山东省', cities: [c('济南市', 'Jinan', '3701', 2), c('青岛市', 'Qingdao', '3702', 3), c('烟台市', 'Yantai', '3706'), c('潍坊市', 'Weifang', '3707')] },
  ],
  华南: [
    { name: '广东省', cities: [c('广州市', 'Guangzhou', '4401', 4), c('深圳市', 'Shenzhen', '4403', 4), c('东莞市', 'Dongguan', '4419', 2), c('佛山市', 'Foshan', '4406', 2), c('珠海市', 'Zhuhai', '4404'), c('中山市', 'Zhongshan', '4420')] },
    { name: '广西壮族自治区', cities: [c('南宁市', 'Nanning', '4501', 2), c('柳州市', 'Liuzhou', '4502'), c('桂林市', 'Guilin', '4503')] },
    { name: '海南省', cities: [c('海口市', 'Haikou', '4601', 2), c('三亚市', 'Sanya', '4602')] },
  ],
  华北: [
    { name: '北京市', cities: [c('北京市', 'Beijing', '1101', 5)] },
    { name: '天津市', cities: [c('天津市', 'Tianjin', '1201', 3)] },
    { name: '河北省', cities: [c('石家庄市', 'Shijiazhuang', '1301', 2), c('唐山市', 'Tangshan', '1302'), c('保定市', 'Baoding', '1306')] },
    { name: '山西省', cities: [c('太原市', 'Taiyuan', '1401', 2), c('大同市', 'Datong', '1402')] },
    { name: '内蒙古自治区', cities: [c('呼和浩特市', 'Hohhot', '1501', 2), c('包头市', 'Baotou', '1502')] },
  ],
  华中: [
    { name: '河南省', cities: [c('郑州市', 'Zhengzhou', '4101', 3), c('洛阳市', 'Luoyang', '4103'), c('南阳市', 'Nanyang', '4113')] },
    { name: '湖北省', cities: [c('武汉市', 'Wuhan', '4201', 4), c('宜昌市', 'Yichang', '4205'), c('襄阳市', 'Xiangyang', '4206')] },
    { name: '湖南省', cities: [c('长沙市', 'Changsha', '4301', 3), c('株洲市', 'Zhuzhou', '4302'), c('岳阳市', 'Yueyang', '4306')] },
  ],
  西南: [
    { name: '重庆市', cities: [c('重庆市', 'Chongqing', '5001', 4)] },
    { name: '四川省', cities: [c('成都市', 'Chengdu', '5101', 4), c('绵阳市', 'Mianyang', '5107'), c('宜宾市', 'Yibin', '5115')] },
    { name: '贵州省', cities: [c('贵阳市', 'Guiyang', '5201', 2), c('遵义市', 'Zunyi', '5203')] },
    { name: '云南省', cities: [c('昆明市', 'Kunming', '5301', 2), c('大理白族自治州', 'Dali', '5329')] },
    { name: '西藏自治区', cities: [c('拉萨市', 'Lhasa', '5401')] },
  ],
  西北: [
    { name: '陕西省', cities: [c('西安市', 'Xi’an', '6101', 4), c('宝鸡市', 'Baoji', '6103'), c('咸阳市', 'Xianyang', '6104')] },
    { name: '甘肃省', cities: [c('兰州市', 'Lanzhou', '6201', 2), c('天水市', 'Tianshui', '6205')] },
    { name: '青海省', cities: [c('西宁市', 'Xining', '6301')] },
    { name: '宁夏回族自治区', cities: [c('银川市', 'Yinchuan', '6401')] },
    { name: '新疆维吾尔自治区', cities: [c('乌鲁木齐市', 'Urumqi', '6501', 2), c('克拉玛依市', 'Karamay', '6502')] },
  ],
  东北: [
    { name: '辽宁省', cities: [c('沈阳市', 'Shenyang', '2101', 3), c('大连市', 'Dalian', '2102', 3), c('鞍山市', 'Anshan', '2103')] },
    { name: '吉林省', cities: [c('长春市', 'Changchun', '2201', 2), c('吉林市', 'Jilin', '2202')] },
    { name: '黑龙江省', cities: [c('哈尔滨市', 'Harbin', '2301', 3), c('大庆市', 'Daqing', '2306')] },
  ],
};

/** How partners spread over the regions (East and South China carry most of the business). */
export const REGION_WEIGHTS: Record<Region, number> = { 华东: 30, 华南: 20, 华北: 16, 华中: 12, 西南: 10, 西北: 6, 东北: 6 };

/** The city name without its administrative suffix, as it appears in company names ("杭州市" → "杭州"). */
export function shortCityName(name: string): string {
  return name.replace(/(白族自治州|市)$/, '');
}
