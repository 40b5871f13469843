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
