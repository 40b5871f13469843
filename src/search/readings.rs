//! Which readings of a character pinyin matches: the ones a person typing
//! pinyin means.
//!
//! `pinyin::ToPinyinMulti` gives every reading pinyin-data knows, rare and
//! historical ones included: 超 also as *tiao*, 市 as *fu*, 会 as *kuai*,
//! 召 as *shao*. With all of them, on a 2,000-issue generated archive the
//! best hit of `ks` was 会 read as *kuai* next to 召 read as *shao*.
//! So a character matches its first reading only (pinyin-data lists the
//! common one first), except the common polyphonic characters below, which
//! match each reading listed, in that order (the list's first reading is the
//! most common one where pinyin-data's first is not: 佛 *fo* before *fu*,
//! 谁 *shei*). Every reading listed is one pinyin-data gives (a test checks).

/// `character readings…`, entries separated by `|`: the 多音字 whose other
/// readings are in everyday use (names included: 单 *shan*, 曾 *zeng*,
/// 解 *xie*, 区 *ou*, 朴 *piao*), toneless, `ü` as `v`.
const POLYPHONES: &str = "
    绿 lv lu |
    长 chang zhang | 行 xing hang heng | 重 zhong chong | 乐 le yue | 会 hui kuai
    都 dou du | 大 da dai | 数 shu shuo | 说 shuo shui | 着 zhe zhao zhuo
    种 zhong chong | 区 qu ou | 解 jie xie | 单 dan shan chan | 朝 chao zhao
    石 shi dan | 角 jiao jue | 血 xue xie | 和 he huo hu | 的 de di
    了 le liao | 地 di de | 得 de dei | 还 hai huan | 给 gei ji
    将 jiang qiang | 藏 cang zang | 传 chuan zhuan | 调 diao tiao | 差 cha chai ci
    降 jiang xiang | 露 lu lou | 率 lv shuai | 没 mei mo | 模 mo mu
    便 bian pian | 薄 bo bao | 弹 dan tan | 强 qiang jiang | 亲 qin qing
    色 se shai | 参 can shen cen | 盛 sheng cheng | 识 shi zhi | 属 shu zhu
    似 si shi | 宿 su xiu | 提 ti di | 系 xi ji | 省 sheng xing
    扎 zha za | 卡 ka qia | 曾 ceng zeng | 查 cha zha | 称 cheng chen
    乘 cheng sheng | 仇 chou qiu | 畜 chu xu | 佛 fo fu | 盖 gai ge
    合 he ge | 见 jian xian | 劲 jin jing | 壳 ke qiao | 吓 xia he
    巷 xiang hang | 校 xiao jiao | 折 zhe she | 殖 zhi shi | 臭 chou xiu
    恶 e wu | 否 fou pi | 核 he hu | 蔓 man wan | 埋 mai man
    秘 mi bi | 泊 bo po | 朴 pu piao po | 期 qi ji | 奇 qi ji
    茄 qie jia | 圈 quan juan | 塞 sai se | 厦 sha xia | 熟 shu shou
    谁 shei shui | 拓 tuo ta | 削 xiao xue | 咽 yan ye | 约 yue yao
    择 ze zhai | 粘 zhan nian | 柏 bai bo | 叶 ye xie | 沈 shen chen
    洗 xi xian | 尉 wei yu | 车 che ju | 阿 a e | 贾 jia gu
    什 shen shi | 那 na nei | 哪 na nei | 这 zhe zhei | 呢 ne ni
    剥 bo bao | 堡 bao bu pu | 辟 pi bi | 度 du duo | 番 fan pan
    红 hong gong | 俩 lia liang | 脉 mai mo | 迫 po pai | 雀 que qiao
    弄 nong long | 遗 yi wei | 钥 yao yue | 仔 zai zi
";

/// The polyphonic characters and their readings (see [`POLYPHONES`]).
pub(super) fn polyphones() -> impl Iterator<Item = (char, Vec<&'static str>)> {
    POLYPHONES.split(['|', '\n']).filter_map(|entry| {
        let mut words = entry.split_whitespace();
        let c = words.next()?.chars().next()?;
        Some((c, words.collect()))
    })
}

/// Keeps in `all` (every reading of a character, pinyin-data's order) the readings
/// pinyin matches, most common first.
pub(super) fn keep_meant(all: &mut Vec<String>, listed: Option<&[&str]>) {
    match listed {
        Some(listed) => {
            let meant: Vec<String> = listed
                .iter()
                .filter(|r| all.iter().any(|a| a == *r))
                .map(|r| r.to_string())
                .collect();
            if !meant.is_empty() {
                *all = meant;
                return;
            }
            all.truncate(1);
        }
        None => all.truncate(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use pinyin::ToPinyinMulti;

    fn every_reading(c: char) -> Vec<String> {
        c.to_pinyin_multi()
            .map(|m| m.into_iter().map(|p| p.plain().replace('ü', "v")).collect())
            .unwrap_or_default()
    }

    #[test]
    fn every_listed_reading_is_one_pinyin_data_gives_and_each_character_is_listed_once() {
        let mut seen = std::collections::HashSet::new();
        for (c, readings) in polyphones() {
            assert!(seen.insert(c), "{c} listed twice");
            assert!(readings.len() >= 2, "{c}: a polyphone has two readings");
            let all = every_reading(c);
            for r in readings {
                assert!(all.iter().any(|a| a == r), "{c}: {r} not in {all:?}");
            }
        }
        assert!(seen.len() > 100);
    }

    #[test]
    fn rare_readings_are_dropped_and_common_ones_kept_in_order() {
        let listed: std::collections::HashMap<char, Vec<&str>> = polyphones().collect();
        let kept = |c: char| {
            let mut all = every_reading(c);
            all.dedup();
            keep_meant(&mut all, listed.get(&c).map(Vec::as_slice));
            all
        };
        assert_eq!(kept('长'), ["chang", "zhang"]);
        assert_eq!(kept('佛'), ["fo", "fu"]);
        assert_eq!(kept('超'), ["chao"]);
        assert_eq!(kept('重'), ["zhong", "chong"]);
        assert_eq!(kept('绿'), ["lv", "lu"]);
        assert_eq!(kept('市'), ["shi"]);
    }
}
