import type { ChannelType } from '../../../shared/enums';

/** The demo company's product catalogue: ~40 products in 6 categories, list prices in yuan, unit cost as a share of list. */
export interface Product {
  code: string;
  name: string;
  nameEn: string;
  category: string;
  listPriceMinor: number;
  costRatio: number;
}

const P = (code: string, name: string, nameEn: string, category: string, listPriceYuan: number, costRatio: number): Product => ({
  code,
  name,
  nameEn,
  category,
  listPriceMinor: Math.round(listPriceYuan * 100),
  costRatio,
});

export const CATEGORIES = ['智能安防', '智能家居', '网络设备', '办公设备', '配件耗材', '软件与服务'] as const;
export type Category = (typeof CATEGORIES)[number];

export const PRODUCTS: Product[] = [
  P('SL-S30', '智能门锁 S30', 'Smart Door Lock S30', '智能安防', 1999, 0.52),
  P('SL-S50', '智能门锁 S50 Pro', 'Smart Door Lock S50 Pro', '智能安防', 2999, 0.5),
  P('SL-C10', '商用指纹门禁 C10', 'Commercial Fingerprint Access C10', '智能安防', 4580, 0.48),
  P('CM-H2', '家用摄像机 H2', 'Home Camera H2', '智能安防', 299, 0.58),
  P('CM-P4', '室外云台摄像机 P4', 'Outdoor PTZ Camera P4', '智能安防', 699, 0.55),
  P('CM-B8', '商用枪型摄像机 B8', 'Commercial Bullet Camera B8', '智能安防', 1280, 0.5),
  P('NV-16', '网络硬盘录像机 16 路', '16-Channel NVR', '智能安防', 2680, 0.5),
  P('AL-K1', '智能报警套装 K1', 'Smart Alarm Kit K1', '智能安防', 899, 0.55),
  P('HM-G1', '智能网关 G1', 'Smart Hub G1', '智能家居', 399, 0.55),
  P('HM-SW3', '智能开关 三键', 'Smart Switch, 3 Keys', '智能家居', 189, 0.5),
  P('HM-CU2', '智能窗帘电机 CU2', 'Smart Curtain Motor CU2', '智能家居', 899, 0.54),
  P('HM-LT6', '智能灯带 6 米', 'Smart Light Strip 6 m', '智能家居', 259, 0.5),
  P('HM-SP1', '智能音箱 SP1', 'Smart Speaker SP1', '智能家居', 499, 0.6),
  P('HM-AC', '空调伴侣', 'Air Conditioner Companion', '智能家居', 149, 0.56),
  P('HM-SE', '温湿度传感器', 'Temperature & Humidity Sensor', '智能家居', 79, 0.5),
  P('NW-R6', '双频千兆路由器 R6', 'Dual-Band Gigabit Router R6', '网络设备', 399, 0.6),
  P('NW-R9', 'Wi-Fi 7 路由器 R9', 'Wi-Fi 7 Router R9', '网络设备', 1299, 0.55),
  P('NW-MS3', 'Mesh 组网套装 三只装', 'Mesh Kit, 3 Pack', '网络设备', 1099, 0.57),
  P('NW-SW24', '企业交换机 24 口', 'Enterprise Switch, 24 Ports', '网络设备', 2380, 0.5),
  P('NW-AP5', '吸顶无线 AP5', 'Ceiling Wireless AP5', '网络设备', 880, 0.52),
  P('NW-FW1', '企业防火墙 FW1', 'Enterprise Firewall FW1', '网络设备', 6800, 0.45),
  P('NW-GW4', '多 WAN 口企业网关', 'Multi-WAN Enterprise Gateway', '网络设备', 3200, 0.48),
  P('OF-PR2', '激光打印机 PR2', 'Laser Printer PR2', '办公设备', 1699, 0.62),
  P('OF-MF5', '彩色多功能一体机 MF5', 'Colour Multifunction Printer MF5', '办公设备', 4999, 0.6),
  P('OF-PJ3', '会议投影仪 PJ3', 'Meeting Projector PJ3', '办公设备', 3899, 0.58),
  P('OF-VC1', '视频会议终端 VC1', 'Video Conferencing Terminal VC1', '办公设备', 8999, 0.5),
  P('OF-WB7', '智能会议平板 75 英寸', 'Smart Meeting Board 75"', '办公设备', 15999, 0.55),
  P('OF-SH1', '碎纸机 SH1', 'Paper Shredder SH1', '办公设备', 699, 0.6),
  P('AC-TN1', '打印机硒鼓 TN1', 'Printer Toner TN1', '配件耗材', 299, 0.45),
  P('AC-CB6', '超六类网线 305 米', 'Cat 6A Cable 305 m', '配件耗材', 599, 0.5),
  P('AC-SD64', '监控专用存储卡 64G', 'Surveillance Memory Card 64 GB', '配件耗材', 89, 0.5),
  P('AC-HD4', '监控硬盘 4TB', 'Surveillance Hard Disk 4 TB', '配件耗材', 699, 0.68),
  P('AC-BT', '门锁备用电池组', 'Door Lock Spare Battery Pack', '配件耗材', 59, 0.4),
  P('AC-PW', '电源适配器', 'Power Adapter', '配件耗材', 49, 0.42),
  P('SV-CL1', '云存储服务 年卡', 'Cloud Storage, 1 Year', '软件与服务', 198, 0.2),
  P('SV-MG', '设备管理平台 年度授权', 'Device Management Platform, Annual Licence', '软件与服务', 3600, 0.18),
  P('SV-INS', '上门安装服务', 'On-Site Installation', '软件与服务', 200, 0.65),
  P('SV-EXT', '延保服务 两年', 'Extended Warranty, 2 Years', '软件与服务', 299, 0.3),
  P('SV-OM', '企业运维服务 年度', 'Enterprise Operations Service, Annual', '软件与服务', 12000, 0.4),
  P('SV-TR', '现场培训服务', 'On-Site Training', '软件与服务', 2000, 0.5),
];

/** How much each channel type sells of each category (relative weights). */
export const CATEGORY_AFFINITY: Record<ChannelType, Record<Category, number>> = {
  direct: { 智能安防: 3, 智能家居: 1, 网络设备: 4, 办公设备: 4, 配件耗材: 1, 软件与服务: 4 },
  agent: { 智能安防: 3, 智能家居: 2, 网络设备: 3, 办公设备: 3, 配件耗材: 1, 软件与服务: 2 },
  dealer: { 智能安防: 5, 智能家居: 4, 网络设备: 3, 办公设备: 2, 配件耗材: 3, 软件与服务: 1 },
  distributor: { 智能安防: 4, 智能家居: 3, 网络设备: 4, 办公设备: 3, 配件耗材: 5, 软件与服务: 1 },
  retail: { 智能安防: 3, 智能家居: 6, 网络设备: 3, 办公设备: 1, 配件耗材: 4, 软件与服务: 1 },
  ecommerce: { 智能安防: 4, 智能家居: 6, 网络设备: 4, 办公设备: 1, 配件耗材: 4, 软件与服务: 1 },
  alliance: { 智能安防: 3, 智能家居: 1, 网络设备: 5, 办公设备: 4, 配件耗材: 1, 软件与服务: 5 },
  telesales: { 智能安防: 2, 智能家居: 4, 网络设备: 3, 办公设备: 1, 配件耗材: 2, 软件与服务: 4 },
};

/** Channel price: the discount off list price each channel type buys at. */
export const CHANNEL_DISCOUNT: Record<ChannelType, number> = {
  direct: 0.05,
  agent: 0.12,
  dealer: 0.25,
  distributor: 0.32,
  retail: 0.18,
  ecommerce: 0.22,
  alliance: 0.15,
  telesales: 0.1,
};

/** Per channel type: product weights for a weighted pick (category affinity spread over the category's products). */
export function productWeights(channelType: ChannelType): number[] {
  const perCategory = new Map<string, number>();
  for (const p of PRODUCTS) perCategory.set(p.category, (perCategory.get(p.category) ?? 0) + 1);
  return PRODUCTS.map((p) => CATEGORY_AFFINITY[channelType][p.category as Category] / perCategory.get(p.category)!);
}
