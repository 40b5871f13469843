//! The shape of a line: punctuation, length, balance. These are the structural
//! facts the parser decides by; nothing here knows any article's words.

/// Characters that end a sentence (a paragraph that ends with one is complete).
pub fn is_sentence_end(c: char) -> bool {
    matches!(
        c,
        '。' | '！' | '？' | '；' | '：' | '…' | '!' | '?' | ';' | ':' | '．'
    )
}

/// Closing quotes and brackets that may follow a sentence end (。” or 。）).
pub fn is_closing_bracket(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '」' | '』' | '）' | '》' | '〉' | '】' | '〕' | ')' | '"' | '\''
    )
}

/// Commas and enumeration marks: a line ending in one was cut mid-sentence.
pub fn is_comma(c: char) -> bool {
    matches!(c, '，' | '、' | ',' | '﹐' | '､')
}

/// `…。（记者 张三）` → `…。`: the text before a closing bracketed group.
pub fn before_trailing_group(s: &str) -> Option<&str> {
    let t = s.trim_end();
    let open = match t.chars().last()? {
        ')' => '(',
        '）' => '（',
        _ => return None,
    };
    let start = t.rfind(open)?;
    Some(t[..start].trim_end()).filter(|b| !b.is_empty())
}

/// True when the line reads as a complete sentence or paragraph. A
/// bracketed note after a finished sentence (`…。（记者 张三）`) does not
/// reopen it.
pub fn ends_sentence(s: &str) -> bool {
    ends_sentence_plain(s) || before_trailing_group(s).is_some_and(ends_sentence_plain)
}

fn ends_sentence_plain(s: &str) -> bool {
    let mut rev = s.trim_end().chars().rev().peekable();
    while let Some(&c) = rev.peek() {
        if is_closing_bracket(c) {
            rev.next();
        } else {
            break;
        }
    }
    rev.next().is_some_and(is_sentence_end)
}

/// Han (CJK ideograph) test covering the blocks newspapers use.
pub fn is_han(c: char) -> bool {
    matches!(c,
        '\u{4e00}'..='\u{9fff}' | '\u{3400}'..='\u{4dbf}' | '\u{f900}'..='\u{faff}'
        | '\u{20000}'..='\u{2fa1f}' | '〇')
}

/// Number of characters, which for Chinese text is its visual length.
pub fn char_len(s: &str) -> usize {
    s.chars().count()
}

/// `char_len(s) <= n`, settled by the byte length when it can be (a
/// character is one to four bytes): every body line is asked whether it is
/// short by several tests, and counting a paragraph each time adds up.
pub fn at_most_chars(s: &str, n: usize) -> bool {
    s.len() <= n || (s.len() <= 4 * n && char_len(s) <= n)
}

/// `char_len(s) >= n`, settled by the byte length when it can be.
pub fn at_least_chars(s: &str, n: usize) -> bool {
    s.len() >= 4 * n || (s.len() >= n && char_len(s) >= n)
}

/// Quotes and brackets open and close on the line: a title is balanced, a
/// body fragment cut by a column break often is not (`“3月底市委、市政府领导带头`).
pub fn is_balanced(s: &str) -> bool {
    let mut depth = [0i32; 5];
    for c in s.chars() {
        let (i, d) = match c {
            '“' => (0, 1),
            '”' => (0, -1),
            '（' | '(' => (1, 1),
            '）' | ')' => (1, -1),
            '《' => (2, 1),
            '》' => (2, -1),
            '【' | '[' => (3, 1),
            '】' | ']' => (3, -1),
            '「' => (4, 1),
            '」' => (4, -1),
            _ => continue,
        };
        depth[i] += d;
        if depth[i] < 0 {
            return false;
        }
    }
    depth.iter().all(|&d| d == 0)
}

/// Sentence-internal full stops: a title never holds one.
pub fn has_inner_full_stop(s: &str) -> bool {
    let t = s.trim_end();
    let last = t.char_indices().last().map(|(i, _)| i).unwrap_or(0);
    t.char_indices()
        .any(|(i, c)| i < last && matches!(c, '。' | '！' | '？' | '；'))
}

/// Clause commas (，and ,): the enumeration comma 、 is common in titles.
pub fn comma_count(s: &str) -> usize {
    s.chars()
        .filter(|&c| matches!(c, '，' | ',' | '﹐'))
        .count()
}

/// Segments of a line separated by runs of spaces (ASCII or ideographic).
pub fn segments(s: &str) -> Vec<&str> {
    s.split([' ', '\u{3000}', '\t'])
        .filter(|p| !p.is_empty())
        .collect()
}

/// Longest a title line may be. Main headlines are set large and rarely pass
/// 30 characters; decks (subheadlines listing several points) run longer.
pub const MAX_TITLE_CHARS: usize = 64;

/// The longest a one-line, two-part main headline runs (e.g. `A B` printed in
/// two halves); a longer spaced line is a kicker glued to its headline or a deck.
pub const MAX_HEADLINE_CHARS: usize = 28;

/// Could this line be a title (kicker, headline, subheadline, section label)?
/// Titles carry no closing punctuation, no inner full stop, balanced quotes,
/// and are short; a line ending in a comma was cut from a paragraph.
pub fn is_title_shaped(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || !at_most_chars(t, MAX_TITLE_CHARS) {
        return false;
    }
    let last = t.chars().last().unwrap_or(' ');
    if ends_sentence(t) || is_comma(last) || has_inner_full_stop(t) || !is_balanced(t) {
        return false;
    }
    // Two or more commas make it a clause list, not a title.
    if comma_count(t) >= 2 {
        return false;
    }
    // `某某强调，要坚定`: a reporting verb before a comma opens a sentence.
    if let Some(i) = t.find(['，', ','])
        && ends_with_reporting_verb(&t[..i])
    {
        return false;
    }
    // A title is mostly words: at least one Han character, or a Latin heading.
    t.chars().any(is_han)
}

/// Words that close a kicker reporting what someone said: `…时强调`, `…指出`.
/// They are grammar (reporting verbs), not any article's content.
const REPORTING_VERBS: &[&str] = &[
    "强调",
    "指出",
    "表示",
    "要求",
    "提出",
    "寄语",
    "批示",
    "指示",
    "宣布",
    "透露",
    "提醒",
    "部署",
    "希望",
    "呼吁",
    "表态",
    "号召",
    "倡议",
    "坦言",
    "回应",
    "获悉",
    "了解到",
];

/// A kicker (引题) that introduces what follows: it ends with a reporting verb,
/// a dash or a colon.
pub fn is_kicker_shaped(s: &str) -> bool {
    let t = s.trim();
    t.ends_with("——")
        || t.ends_with('：')
        || t.ends_with(':')
        || REPORTING_VERBS.iter().any(|v| t.ends_with(v))
}

pub fn ends_with_reporting_verb(s: &str) -> bool {
    REPORTING_VERBS.iter().any(|v| s.trim().ends_with(v))
}

/// Verbs closing a line of attendees (`李四出席会议并讲话`, `张三讲话 王五主持`):
/// such a line is a subheadline, never a headline.
const ATTENDANCE_VERBS: &[&str] = &[
    "出席",
    "主持",
    "讲话",
    "参加",
    "陪同",
    "致辞",
    "发言",
    "出席会议",
    "主持会议",
    "参会",
    "见证",
    "会见",
    "颁奖",
];

pub fn is_attendee_line(s: &str) -> bool {
    let t = s.trim();
    let n = char_len(t);
    (4..=40).contains(&n)
        && segments(t)
            .last()
            .is_some_and(|last| ATTENDANCE_VERBS.iter().any(|v| last.ends_with(v)))
}

/// A deck line opening with a dash: `——天元区…工作纪实`.
pub fn is_dash_deck(s: &str) -> bool {
    let t = s.trim_start();
    t.starts_with("——") || t.starts_with("—")
}

/// A short label such as a column or section name (`新闻发布`, `相关链接`):
/// four Han characters or fewer, nothing else.
pub fn is_section_label(s: &str) -> bool {
    let t = s.trim();
    // Four characters and some padding at most: most title lines leave here.
    if t.len() > 4 * 3 + 8 {
        return false;
    }
    // `安  徽`: e-papers pad a two-character label as they pad names.
    let spaced = t.contains([' ', '\u{3000}']);
    let n = t.chars().filter(|c| !matches!(c, ' ' | '\u{3000}')).count();
    (2..=4).contains(&n)
        && t.chars()
            .all(|c| is_han(c) || matches!(c, ' ' | '\u{3000}'))
        && (!spaced || n == 2)
        && !is_attendee_line(t)
}

/// `【分类标准】`: a bracketed in-body subhead.
pub fn is_bracket_subhead(s: &str) -> bool {
    let t = s.trim();
    t.starts_with('【') && t.ends_with('】') && char_len(t) <= 24
}

/// Latin letter or digit (for joining a Latin word cut across lines).
pub fn is_latin_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn length_bounds_agree_with_counting() {
        for s in [
            "",
            "a",
            "株洲",
            "A3 株洲日报",
            "𠀀𠀁𠀂𠀃",
            "𠀀𠀁ab株",
            "“株洲”——市民，说：…",
            "abcdefghij",
        ] {
            for n in 0..14 {
                assert_eq!(at_most_chars(s, n), char_len(s) <= n, "{s:?} <= {n}");
                assert_eq!(at_least_chars(s, n), char_len(s) >= n, "{s:?} >= {n}");
            }
        }
    }

    #[test]
    fn sentence_ends() {
        assert!(ends_sentence("市领导何朝晖参加。"));
        assert!(ends_sentence("“当前形势严峻。”"));
        assert!(ends_sentence("工作如下："));
        assert!(!ends_sentence("芦淞与萍乡接壤，如异地"));
        assert!(!ends_sentence("社会组织、"));
    }

    #[test]
    fn titles_and_fragments() {
        assert!(is_title_shaped("芦淞安源两地政务服务“跨省通办”"));
        assert!(is_title_shaped(
            "年底前，5个街道要基本建成生活垃圾分类示范片区"
        ));
        assert!(is_title_shaped("涉及人社、医保、卫健、企业开办等领域"));
        assert!(is_title_shaped(
            "市教育局发布通知，即日起至寒假结束—— 全市师生员工不得出境或跨省"
        ));
        // cut from a paragraph: unbalanced quote, trailing comma, two commas
        assert!(!is_title_shaped("“3月底市委、市政府领导带头"));
        assert!(!is_title_shaped(
            "醴陵市来龙门街道马放塘社区紫荆苑小区构建社区党委为领导、"
        ));
        assert!(!is_title_shaped("的“好恰客”越来越多，人潮，正逐渐向"));
        assert!(!is_title_shaped("“夜经济”正重新被点亮。"));
        assert!(!is_title_shaped("8日晚，张云志在钻石路口指挥交通。刘平摄"));
    }

    #[test]
    fn kickers_attendees_decks() {
        assert!(is_kicker_shaped(
            "毛腾飞在醴陵调研村(社区)“两委”换届等工作时强调"
        ));
        assert!(is_kicker_shaped("市教育局发布通知，即日起至寒假结束——"));
        assert!(!is_kicker_shaped("彭建忠到市公安局调研"));
        assert!(is_attendee_line("毛腾飞讲话 阳卫国主持"));
        assert!(is_attendee_line("中共中央总书记习近平主持会议"));
        assert!(!is_attendee_line("毛腾飞与东旭集团董事长李兆廷座谈"));
        assert!(is_dash_deck("——天元区征拆征收“清零”行动工作纪实"));
        assert!(is_section_label("新闻发布"));
        assert!(!is_section_label("阳卫国出席"));
        assert!(is_bracket_subhead("【分类标准】"));
    }

    #[test]
    fn balance() {
        assert!(is_balanced("村(社区)“两委”"));
        assert!(!is_balanced("“各单位、学校集体团拜和大"));
        assert!(!is_balanced("”开头"));
    }
}
