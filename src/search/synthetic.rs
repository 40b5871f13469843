//! Realistic synthetic headlines, for benchmarks and large tests: fragments
//! of real 株洲日报 headlines recombined by a seeded generator, so that runs
//! are repeatable and need no data set.

use super::{ArticleRef, HeadlineEntry};

const WHO: &[&str] = &[
    "毛腾飞",
    "阳卫国",
    "彭建忠",
    "王洪斌",
    "省贸促会会长贺坚来",
    "市委书记",
    "市长",
    "省人大调研组",
    "市疾控中心",
    "国创中心",
    "时代新材",
    "中车株机",
    "东旭集团",
    "株洲高新区",
    "芦淞区",
    "天元区",
    "石峰区",
    "荷塘区",
    "渌口区",
    "醴陵市",
    "攸县",
    "茶陵县",
    "炎陵县",
    "市公安局",
    "市教育局",
    "市住建局",
    "市委宣传部",
    "湖南工业大学",
    "株洲日报社",
    "市总工会",
    "团市委",
    "市妇联",
    "中国动力谷",
    "清水塘",
    "神农城",
    "炎帝陵",
    "株洲西站",
    "湘江风光带",
];

const DID: &[&str] = &[
    "调研", "座谈", "讲话", "出席", "来株", "召开", "部署", "推进", "启动", "举行", "发布", "签约",
    "揭牌", "开工", "竣工", "下线", "督查", "走访", "慰问", "主持", "检查", "视察",
];

const WHAT: &[&str] = &[
    "政务服务“跨省通办”",
    "国内最长纯玻纤 海上风电叶片下线",
    "点亮“夜经济”",
    "“好恰客”回流",
    "抓好突出生态环境问题整改",
    "让公平正义如阳光普照",
    "路口坚守 保交通畅通",
    "全市对台工作会议",
    "尽快推动醴茶铁路恢复客运",
    "加快推进老旧小区改造",
    "提升群众获得感幸福感",
    "共建科技创新平台",
    "开展政产学研合作",
    "推动科技成果在株转化",
    "网红街再度热闹起来",
    "激光先进制造工程技术研究中心",
    "５Ｇ基站建设提速",
    "乡村振兴示范创建",
    "疫情防控常态化",
    "重点项目建设",
    "安全生产大检查",
    "招商引资“一号工程”",
    "长株潭一体化",
    "轨道交通装备产业",
    "中小航空发动机",
    "新能源汽车",
    "垃圾分类",
    "文明城市创建",
    "冬季供暖保障",
    "春运首日",
    "重庆客商",
    "长沙都市圈",
    "董事长座谈会",
    "党史学习教育",
    "“十四五”规划",
    "服务企业“早春行”",
    "GDP增长6.5%",
];

const KICKER: &[&str] = &["聚焦两会", "新闻发布", "相关链接", "奋进新征程", "一线直击"];

/// A small, seeded generator (xorshift64*): no dependency, same sequence on
/// every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[(self.next() % list.len() as u64) as usize]
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
}

/// One synthetic headline (kicker, headline, subheadline as the index joins them).
fn headline(rng: &mut Rng) -> String {
    let mut s = String::new();
    if rng.chance(10) {
        s.push_str(rng.pick(KICKER));
        s.push(' ');
    }
    s.push_str(rng.pick(WHO));
    if rng.chance(30) {
        s.push('与');
        s.push_str(rng.pick(WHO));
    }
    s.push_str(rng.pick(DID));
    s.push_str(rng.pick(WHAT));
    if rng.chance(25) {
        s.push(' ');
        s.push_str(rng.pick(WHAT));
    }
    s
}

/// `n` synthetic headline entries, `per_issue` to an issue, newest issue
/// first (as an archive lists them).
pub fn synthetic_entries(
    n: usize,
    per_issue: usize,
    seed: u64,
) -> impl Iterator<Item = HeadlineEntry> {
    let per_issue = per_issue.max(1);
    let issues = n.div_ceil(per_issue) as u32;
    let mut rng = Rng(seed | 1);
    (0..n).map(move |i| {
        let issue = (i / per_issue) as u32;
        HeadlineEntry {
            article: ArticleRef {
                issue,
                page: 0,
                article: (i % per_issue) as u32,
            },
            text: headline(&mut rng),
            recency: issues - issue,
        }
    })
}

const SENTENCES: &[&str] = &[
    "当前，激光技术在多个领域得到了广泛应用",
    "在轨道交通领域，开展激光先进制造技术的新应用，有助于全面提升轨道交通装备制造水平",
    "经过1年多发展，研究中心在今年9月被认定为市级工程技术研究中心",
    "相比传统技术，新产品使用寿命提升20%，缩短研发周期30%，节省开模成本60%",
    "芦淞区与萍乡市安源区签订合作协议，就医备案、内资企业及分支机构变更登记等业务实现“跨省通办”",
    "面对新冠肺炎疫情，双方守望相助，共克时艰",
    "会议要求，各级各部门要提高政治站位，压实工作责任，确保各项任务落到实处",
    "据了解，该项目总投资约12亿元，建成后将新增就业岗位1500余个",
    "市民王女士说：“现在办事方便多了，在家门口就能办好。”",
    "下一步，我市将继续加大投入力度，推动产业转型升级",
    "今年以来，全市新建５Ｇ基站1200个，实现城区全覆盖",
    "活动现场，志愿者们为群众提供政策咨询、义诊等服务",
    "他强调，要坚持以人民为中心，切实解决群众急难愁盼问题",
    "截至目前，该区已完成老旧小区改造项目36个，惠及居民1.2万户",
];

const NAMES: &[&str] = &[
    "刘毅",
    "高晓燕",
    "张凌坤",
    "陈章蓉",
    "任重",
    "易礼毅",
    "管丽",
    "陈楚杰",
];

/// A paragraph of three to six sentences.
fn paragraph(rng: &mut Rng) -> String {
    let n = 3 + rng.next() % 4;
    let mut p = String::new();
    for i in 0..n {
        if i > 0 {
            p.push('，');
        }
        p.push_str(rng.pick(SENTENCES));
    }
    p.push('。');
    p
}

/// A synthetic archive as page files in the layout the loader reads: one
/// `(file stem, page text, sidecar RON)` per page, `per_page` articles to a
/// page, `pages` pages to an issue, one issue a day from 2000-01-01. Each
/// article has a synthetic headline, a byline and four to seven paragraphs
/// (about 2 KB, like the sample pages).
pub fn synthetic_pages(
    articles: usize,
    per_page: usize,
    pages: usize,
    seed: u64,
) -> impl Iterator<Item = (String, String, String)> {
    let per_page = per_page.max(1);
    let mut rng = Rng(seed | 1);
    let mut date = crate::model::IssueDate::ymd(2000, 1, 1);
    (0..articles.div_ceil(per_page)).map(move |page| {
        let (issue, in_issue) = (page / pages, page % pages);
        if in_issue == 0 && page > 0 {
            date = date.next_day();
        }
        let mut text = String::from("\n\n株洲日报\n\n");
        let count = per_page.min(articles - page * per_page);
        for _ in 0..count {
            text.push_str(&headline(&mut rng));
            text.push_str("\n\n\n\n株洲日报记者 ");
            text.push_str(rng.pick(NAMES));
            text.push_str("\n\n株洲日报讯 ");
            let paragraphs = 4 + rng.next() % 4;
            for i in 0..paragraphs {
                if i > 0 {
                    text.push_str("\n\n");
                }
                text.push_str(&paragraph(&mut rng));
            }
            text.push_str("\n\n\n\n");
        }
        let sidecar = format!(
            "(\n    date: \"{date}\",\n    paper: \"株洲日报\",\n    page: \"A{}\",\n)\n",
            in_issue + 1
        );
        (format!("{issue:06}_{in_issue:02}"), text, sidecar)
    })
}
