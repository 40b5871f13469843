//! Parser rules, one small page each. Pages are written in the shapes the
//! sample archive shows, with invented words: the rules must not depend on
//! any particular article.
use super::classify::{Jump, is_photo_credit, is_promo, is_staff_credit, jump_marker};
use super::*;
use crate::model::{ArticleKind, BlockKind};

fn page(text: &str) -> ParsedPage {
    parse_page(text, &Profiles::builtin())
}

fn titles(p: &ParsedPage) -> Vec<String> {
    p.articles.iter().map(|a| a.title()).collect()
}

#[test]
fn byline_before_the_headline_belongs_to_that_article() {
    let p = page(
        "第一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 3月1日，正文说了一件事。\n\n\
         株洲日报记者 丙丁\n\n第二篇标题 分两半\n\n株洲日报讯 3月2日，另一件事。\n",
    );
    assert_eq!(titles(&p), ["第一篇标题", "第二篇标题 分两半"]);
    assert_eq!(p.articles[1].byline.reporters, ["丙丁"]);
    assert_eq!(p.articles[0].byline.reporters, ["甲乙"]);
}

#[test]
fn a_missing_headline_is_kept_untitled() {
    let p =
        page("株洲日报记者 甲乙 丙丁\n\n株洲日报讯 5月13日，某地召开了一次会议。会议很重要。\n");
    assert_eq!(p.articles.len(), 1);
    let a = &p.articles[0];
    assert!(a.untitled());
    assert_eq!(a.title(), "株洲日报讯 5月13日，某地召开了一次会议。");
    assert_eq!(a.byline.reporters, ["甲乙", "丙丁"]);
}

#[test]
fn column_breaks_are_joined_but_never_into_a_headline() {
    let p = page(
        "标题在此\n\n株洲日报讯 正文第一段说到一半被分栏切\n\n断了，后半句在这里。\n\n\
         第二段完整。\n\n下一篇的标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 又一篇。\n",
    );
    let body: Vec<&str> = p.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        body,
        [
            "株洲日报讯 正文第一段说到一半被分栏切断了，后半句在这里。",
            "第二段完整。"
        ]
    );
    assert_eq!(p.articles[0].body[0].lines, Span::new(3, 5));
    assert_eq!(p.articles[1].title(), "下一篇的标题");
}

#[test]
fn cut_fragments_that_look_short_stay_in_the_body() {
    // A quote cut open, and a clause list: body, not titles.
    let p = page(
        "标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 第一句。\n\n“引号没有合上的半句\n\n接着说完。”\n\n\
         天气转好，人们出门\n\n的人越来越多，街上，人潮涌动。\n",
    );
    assert_eq!(p.articles.len(), 1);
    let body: Vec<&str> = p.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        body,
        [
            "株洲日报讯 第一句。",
            "“引号没有合上的半句接着说完。”",
            "天气转好，人们出门的人越来越多，街上，人潮涌动。"
        ]
    );
}

#[test]
fn in_body_subheads() {
    let p = page(
        "大标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n【分类标准】\n\n内容一。\n\n\
         小标题一句话\n\n内容二。\n\n一、第一条\n\n内容三。\n",
    );
    assert_eq!(p.articles.len(), 1);
    let kinds: Vec<(BlockKind, &str)> = p.articles[0]
        .body
        .iter()
        .map(|b| (b.kind, b.text.as_str()))
        .collect();
    assert_eq!(
        kinds,
        [
            (BlockKind::Paragraph, "株洲日报讯 正文。"),
            (BlockKind::Subhead, "【分类标准】"),
            (BlockKind::Paragraph, "内容一。"),
            (BlockKind::Subhead, "小标题一句话"),
            (BlockKind::Paragraph, "内容二。"),
            (BlockKind::Subhead, "一、第一条"),
            (BlockKind::Paragraph, "内容三。"),
        ]
    );
}

#[test]
fn jump_markers() {
    let p = page(
        "甲标题\n\n株洲日报讯 开头。\n\n下转A2版\n\n乙标题\n\n株洲日报讯 另一篇。\n\n详见B1版\n\n\
         上接A1版\n\n甲标题续\n\n接着讲完。\n",
    );
    assert_eq!(p.articles[0].continued_to.as_deref(), Some("A2"));
    assert_eq!(p.articles[1].see_also.as_deref(), Some("B1"));
    let c = &p.articles[2];
    assert_eq!(c.kind, ArticleKind::Continuation);
    assert_eq!(c.continued_from.as_deref(), Some("A1"));
    assert_eq!(c.title(), "甲标题续");
    // inline form at the end of a paragraph
    let p = page("丙标题\n\n株洲日报讯 开头说了很多。（下转第2版）\n");
    assert_eq!(p.articles[0].continued_to.as_deref(), Some("2"));
}

#[test]
fn captions_notices_promos() {
    let p = page(
        "扫一扫关注本报新媒体\n\n3日，市民在公园散步。张三摄\n\n图片新闻标题\n\n株洲日报记者 李四\n\n\
         株洲日报讯 正文。\n\n王五遗失身份证一张，声明作废。\n\n赵六遗失营业执照，声明作废。\n",
    );
    assert_eq!(p.articles[0].kind, ArticleKind::Promo);
    assert_eq!(p.articles[0].title(), "扫一扫关注本报新媒体");
    assert_eq!(p.articles[1].title(), "图片新闻标题");
    assert_eq!(
        p.articles[1].captions[0].text,
        "3日，市民在公园散步。张三摄"
    );
    assert_eq!(p.articles[2].kind, ArticleKind::Notice);
    assert_eq!(
        p.articles[2].body.len(),
        2,
        "consecutive notices form one block"
    );
}

#[test]
fn repeated_paragraphs_are_marked_not_dropped() {
    let p = page(
        "标题甲\n\n株洲日报讯 第一段很长很长的内容在这里说明情况。\n\n某某强调，要坚持做好各项工作并且持续推进。\n\n\
         某某强调，要坚持做好\n\n标题乙\n\n株洲日报讯 第二篇。\n\n某某强调，要坚持做好各项工作并且持续推进。\n",
    );
    let a = &p.articles[0];
    assert_eq!(a.body.len(), 3);
    assert!(a.body[2].repeated, "a cut-off repeat of its own paragraph");
    assert!(!a.body[1].repeated, "the first print is the original");
    assert_eq!(p.articles[1].title(), "标题乙");
    assert!(
        p.articles[1].body[1].repeated,
        "a paragraph printed on the page before"
    );
}

#[test]
fn wire_copy_and_agency() {
    let p = page("某会议召开\n\n新华社北京1月9日电 会议在北京召开。\n");
    let a = &p.articles[0];
    assert_eq!(a.byline.agency.as_deref(), Some("新华社"));
    assert_eq!(a.dateline.as_deref(), Some("新华社北京1月9日电"));
    assert_eq!(p.dateline_days, [(1, 9)]);
}

#[test]
fn every_line_is_placed_once() {
    let text = "\n\n株洲日报\n2021年1月10日 星期日\n\n孤立的一行字，没有归属\n\n下转A3版\n\n标题\n\n正文。\n";
    let p = page(text);
    let mut claimed: Vec<u32> = p
        .articles
        .iter()
        .flat_map(|a| a.spans())
        .chain(p.fragments.iter().map(|f| f.lines))
        .chain(p.masthead.iter().flat_map(|m| m.lines.iter().copied()))
        .flat_map(|s| s.first..=s.last)
        .filter(|n| p.nonblank_lines.contains(n))
        .collect();
    claimed.sort();
    let before = claimed.len();
    claimed.dedup();
    assert_eq!(before, claimed.len(), "no line twice");
    assert_eq!(claimed, p.nonblank_lines, "every line once");
}

#[test]
fn ocr_variant_of_the_paper_name() {
    let p = page("标题\n\n株珠日报·掌上株珠讯(记者/甲乙) 1月6日,正文。\n");
    assert_eq!(p.paper.as_deref(), Some("株洲日报"));
    assert!(p.warnings.iter().any(|(_, m)| m.contains("株珠日报")));
}

#[test]
fn full_dates_in_text() {
    assert_eq!(
        full_dates("截至2022年1月4日，又于12021年5月5日和2021年13月1日"),
        [IssueDate::ymd(2022, 1, 4)]
    );
}

#[test]
fn a_kicker_may_end_with_a_colon() {
    let p = page(
        "上一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n\
         奋力冲刺某某“开门红”：\n\n某园区新签约项目十一个\n\n株洲日报记者 丙丁\n\n\
         株洲日报讯 3月1日，又一篇。\n",
    );
    assert_eq!(p.articles.len(), 2);
    let a = &p.articles[1];
    assert_eq!(a.kicker.as_ref().unwrap().text, "奋力冲刺某某“开门红”：");
    assert_eq!(a.headline.as_ref().unwrap().text, "某园区新签约项目十一个");
    assert_eq!(
        p.articles[0].body.len(),
        1,
        "the kicker left the article above"
    );
    // A body line ending in a colon over a long paragraph stays body.
    let p = page(
        "标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n他说：\n\n“我们一定办好这件事。”\n",
    );
    assert_eq!(p.articles.len(), 1);
    assert_eq!(p.articles[0].body.len(), 3);
}

#[test]
fn photo_news_is_an_item_of_its_own_credited_to_the_photographer() {
    let p = page(
        "上一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n图片新闻\n\n某村茶园采摘忙\n\n\
         3月13日，某村的茶农在采摘春茶。 株洲日报全媒体记者 丙丁 摄\n\n下一篇的标题\n\n\
         记者 戊己 通讯员 庚辛\n\n株洲日报讯 3月13日，又一篇。\n",
    );
    assert_eq!(titles(&p), ["上一篇标题", "某村茶园采摘忙", "下一篇的标题"]);
    let photo = &p.articles[1];
    assert_eq!(photo.section.as_ref().unwrap().text, "图片新闻");
    assert_eq!(photo.captions.len(), 1);
    assert_eq!(photo.byline.reporters, ["丙丁"]);
    assert_eq!(p.articles[2].byline.reporters, ["戊己"]);
    assert_eq!(p.articles[2].byline.correspondents, ["庚辛"]);
    // A one-title photo item inside the flow of another article.
    let p = page(
        "上一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n葡萄熟了\n\n\
         8月18日，游客在采摘葡萄。 通讯员 壬癸 供图\n\n下一篇的标题\n\n株洲日报记者 戊己\n\n\
         株洲日报讯 8月19日，又一篇。\n",
    );
    assert_eq!(titles(&p), ["上一篇标题", "葡萄熟了", "下一篇的标题"]);
    assert_eq!(p.articles[1].byline.correspondents, ["壬癸"]);
}

#[test]
fn continuations_with_and_without_their_reprinted_headline() {
    let p = page(
        "上接A1版\n\n产项目提供全周期服务。\n\n第二段。\n\n某某出好钱景\n\n(上接A1版)\n\n\
         过去种一季稻。\n\n从锈带到秀带\n\n——某片区蝶变记\n\n株洲日报记者 甲乙\n\n清晨，正文。\n",
    );
    let kinds: Vec<(ArticleKind, String)> =
        p.articles.iter().map(|a| (a.kind, a.title())).collect();
    assert_eq!(
        kinds,
        [
            (
                ArticleKind::Continuation,
                "产项目提供全周期服务。".to_string()
            ),
            (ArticleKind::Continuation, "某某出好钱景".to_string()),
            (ArticleKind::Article, "从锈带到秀带".to_string()),
        ]
    );
    assert_eq!(p.articles[0].body.len(), 2);
    assert_eq!(p.articles[1].continued_from.as_deref(), Some("A1"));
    assert_eq!(p.articles[1].body[0].text, "过去种一季稻。");
    assert_eq!(p.articles[2].byline.reporters, ["甲乙"]);
}

#[test]
fn a_heading_over_notices_heads_them() {
    let p = page(
        "标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n遗失声明\n\n\
         某公司遗失公章一枚，声明作废。\n\n某人遗失身份证，声明作废。\n",
    );
    assert_eq!(p.articles.len(), 2);
    assert_eq!(p.articles[0].body.len(), 1, "not a subhead of the article");
    let n = &p.articles[1];
    assert_eq!(n.kind, ArticleKind::Notice);
    assert_eq!(n.headline.as_ref().unwrap().text, "遗失声明");
    assert_eq!(n.body.len(), 2);
}

#[test]
fn jump_markers_closing_a_paragraph_without_brackets() {
    let p = page("标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文说完了。详见A3版\n");
    assert_eq!(p.articles[0].see_also.as_deref(), Some("A3"));
    // inside a sentence it is prose
    let p = page("标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 他说要转3版\n");
    assert_eq!(p.articles[0].continued_to, None);
}

#[test]
fn bylines_of_commentators_agencies_and_qualified_roles() {
    let prof = Profiles::builtin();
    let b = parse_byline("株洲日报全媒体记者 甲乙丙 见习记者 丁戊", &prof).unwrap();
    assert_eq!(b.reporters, ["甲乙丙", "丁戊"]);
    let b = parse_byline("本报评论员", &prof).unwrap();
    assert!(b.reporters.is_empty() && b.signed);
    // A named commentator writes the paper's opinion: a writer.
    let b = parse_byline("本报财经评论员 甲乙", &prof).unwrap();
    assert!(b.reporters.is_empty());
    assert_eq!(b.writers, ["甲乙"]);
    let b = parse_byline("新华社记者 甲乙 丙丁", &prof).unwrap();
    assert_eq!(b.agency.as_deref(), Some("新华社"));
    assert_eq!(b.reporters, ["甲乙", "丙丁"]);
    assert_eq!(
        parse_byline("株洲日报社记者 甲乙", &prof).unwrap().agency,
        None
    );
    let d = parse_dateline("据新华社北京9月15日电 某某消息", &prof).unwrap();
    assert_eq!(d.agency.as_deref(), Some("新华社"));
    // A wire dateline's 电 is among a line's first 32 characters.
    let wire = |place: usize| format!("新华社{}1月6日电 正文", "甲".repeat(place));
    assert!(parse_dateline(&wire(24), &prof).is_some(), "电 is the 32nd");
    assert!(parse_dateline(&wire(25), &prof).is_none(), "电 is the 33rd");
    // an editorial's signature is its byline, not a deck
    let p = page("评某某精神\n\n——一论某某\n\n本报评论员\n\n企业是城市发展的主力军。\n");
    assert_eq!(p.articles[0].subheadlines.len(), 1);
    assert_eq!(p.articles[0].byline.lines.len(), 1);
}

#[test]
fn page_furniture_is_kept_aside_and_never_breaks_a_paragraph() {
    let p = page(
        "A3\n\n2022年3月17日 星期四\n\n综合新闻\n\n责任编辑：某某 校对：某某\n\n标题在此\n\n\
         株洲日报记者 甲乙\n\n株洲日报讯 3月16日，正文说到一半被分栏切\n\n2\n\n断了，后半句在这里。\n\n株洲日报\n",
    );
    assert_eq!(titles(&p), ["标题在此"]);
    let a = &p.articles[0];
    assert_eq!(
        a.body[0].text,
        "株洲日报讯 3月16日，正文说到一半被分栏切断了，后半句在这里。"
    );
    let kept: Vec<&str> = p.fragments.iter().map(|f| f.text.as_str()).collect();
    assert_eq!(kept, ["责任编辑：某某 校对：某某", "2", "株洲日报"]);
    // The folio is the inner page's masthead: its page and its day.
    let m = p.masthead.as_ref().expect("the folio reads as a masthead");
    assert_eq!(m.date.unwrap().to_string(), "2022-03-17");
    assert_eq!(m.page_label.as_deref(), Some("A3"));
    assert_eq!(
        m.lines,
        [Span::line(1), Span::line(3), Span::line(5)],
        "label, date and the page's name"
    );
    assert!(a.section.is_none());
}

#[test]
fn a_headline_may_end_with_a_question_mark() {
    let p = page(
        "上一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n年夜饭预订火爆，你订了吗？\n\n\
         株洲日报记者 丙丁\n\n本报讯 1月11日，又一篇。\n",
    );
    assert_eq!(titles(&p), ["上一篇标题", "年夜饭预订火爆，你订了吗？"]);
    assert_eq!(p.articles[1].byline.reporters, ["丙丁"]);
}

#[test]
fn a_kicker_printed_over_two_lines() {
    let p = page(
        "某某在市委常委会扩大会议上传达学习\n\n某某全会精神时强调\n\n把制度优势更好转化为治理效能\n\n\
         株洲日报记者 甲乙\n\n株洲日报讯 11月4日，正文。\n",
    );
    let a = &p.articles[0];
    assert_eq!(
        a.kicker.as_ref().unwrap().text,
        "某某在市委常委会扩大会议上传达学习 某某全会精神时强调"
    );
    assert_eq!(
        a.headline.as_ref().unwrap().text,
        "把制度优势更好转化为治理效能"
    );
}

#[test]
fn bylines_closing_a_paragraph_and_credits_in_brackets() {
    let p = page(
        "标题\n\n株洲日报讯 11月4日，正文说完了。（记者 甲乙 通讯员 丙丁）\n\n\
         另一篇标题\n\n文/图 株洲日报记者 戊己\n\n株洲日报讯 正文。\n\n\
         某地工人在高空作业。（株洲日报记者 庚辛 摄）\n",
    );
    assert_eq!(p.articles[0].byline.reporters, ["甲乙"]);
    assert_eq!(p.articles[0].byline.correspondents, ["丙丁"]);
    assert_eq!(p.articles[1].byline.reporters, ["戊己"]);
    assert_eq!(
        p.articles[1].captions.len(),
        1,
        "a bracketed credit makes a caption"
    );
    // a closing bracket after an unfinished clause is no byline
    let p = page("标题\n\n株洲日报讯 他说（记者 甲乙）\n");
    assert!(p.articles[0].byline.reporters.is_empty());
}

#[test]
fn cross_references_in_other_words() {
    let p = page("标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n（相关报道见A3版）\n");
    assert_eq!(p.articles[0].see_also.as_deref(), Some("A3"));
    assert_eq!(jump_marker("紧接第2版").map(|j| j.0), Some(Jump::From));
    assert_eq!(jump_marker("这篇文章的内容请见A3版"), None, "a sentence");
}

#[test]
fn a_byline_printed_after_the_lead_paragraph() {
    let p = page(
        "项目为王抓落实\n\n本报讯 1月11日，会议召开。\n\n株洲日报记者 甲乙 丙丁\n\n\
         会议通报了情况。\n\n下一篇\n\n株洲日报记者 戊己\n\n株洲日报讯 1月11日，又一篇。\n",
    );
    assert_eq!(titles(&p), ["项目为王抓落实", "下一篇"]);
    assert_eq!(p.articles[0].byline.reporters, ["甲乙", "丙丁"]);
    assert_eq!(p.articles[0].body.len(), 2);
}

#[test]
fn briefs_with_run_in_titles() {
    let p = page(
        "上一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n简讯\n\n\
         ■某区开展消防检查 3月15日起，某区开展检查。（通讯员 丙丁）\n\n\
         ■某县完成油茶改造 记者获悉，该县已完成改造。\n",
    );
    assert_eq!(
        titles(&p),
        ["上一篇标题", "某区开展消防检查", "某县完成油茶改造"]
    );
    assert_eq!(p.articles[1].section.as_ref().unwrap().text, "简讯");
    assert_eq!(p.articles[1].byline.correspondents, ["丙丁"]);
    assert_eq!(p.articles[2].body[0].text, "记者获悉，该县已完成改造。");
    assert_eq!(p.articles[0].body.len(), 1, "the label is not a subhead");
}

#[test]
fn a_contents_box_does_not_swallow_the_next_article() {
    let p = page(
        "今日导读\n\nA2 某某会议召开\n\nA3 某某行动打响\n\n守护一江碧水 护航候鸟过境\n\n\
         ——某江段越冬候鸟保护见闻\n\n株洲日报记者 甲乙\n\n清晨，正文。\n",
    );
    assert_eq!(titles(&p), ["守护一江碧水 护航候鸟过境"]);
    assert_eq!(p.articles[0].subheadlines.len(), 1);
    assert_eq!(p.fragments.len(), 2, "the entries are kept aside");
}

#[test]
fn more_header_shapes() {
    // a series label glued to a short headline
    let p =
        page("决战某某·某市答卷 某村蹚出增收新路子\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n");
    assert_eq!(
        p.articles[0].kicker.as_ref().unwrap().text,
        "决战某某·某市答卷"
    );
    assert_eq!(
        p.articles[0].headline.as_ref().unwrap().text,
        "某村蹚出增收新路子"
    );
    // a photo printed caption first, before the next article's kicker
    let p = page(
        "上一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n\
         7月11日，市民在公园赏荷。记者/丙丁 摄\n\n荷塘月色引客来\n\n\
         某某在调研城区防汛工作时要求\n\n压实责任抓整改 确保城市安全度汛\n\n\
         株洲日报讯(记者/戊己) 7月12日，正文。\n",
    );
    assert_eq!(
        titles(&p),
        [
            "上一篇标题",
            "荷塘月色引客来",
            "压实责任抓整改 确保城市安全度汛"
        ]
    );
    assert_eq!(p.articles[1].byline.reporters, ["丙丁"]);
    assert_eq!(
        p.articles[2].kicker.as_ref().unwrap().text,
        "某某在调研城区防汛工作时要求"
    );
    // a question over a sidebar label
    let p = page(
        "标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n“某地造”出口主要去哪儿?\n\n延伸阅读\n\n\
         东盟是第一大市场。\n",
    );
    assert_eq!(titles(&p), ["标题", "“某地造”出口主要去哪儿?"]);
    assert_eq!(p.articles[1].section.as_ref().unwrap().text, "延伸阅读");
}

#[test]
fn a_notice_keeps_its_signature() {
    let p = page(
        "注销公告\n\n某某公司股东会决议注销本公司，请债权人申报债权。特此公告。\n\n\
         某某公司清算组\n\n2021年3月24日\n",
    );
    assert_eq!(p.articles.len(), 1);
    let n = &p.articles[0];
    assert_eq!(n.kind, ArticleKind::Notice);
    assert_eq!(n.body.len(), 3);
    assert_eq!(n.body[2].text, "2021年3月24日");
}

#[test]
fn a_notice_under_its_own_heading() {
    let p = page(
        "上一篇标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文。\n\n停水通告\n\n\
         因管网改造，10月23日某区停水一天，请用户做好储水准备。\n\n特此通告。\n\n\
         某某自来水有限公司\n\n10月22日\n",
    );
    assert_eq!(p.articles.len(), 2);
    assert_eq!(
        p.articles[0].body.len(),
        1,
        "the notice left the article above"
    );
    let n = &p.articles[1];
    assert_eq!(n.kind, ArticleKind::Notice);
    assert_eq!(n.headline.as_ref().unwrap().text, "停水通告");
    let body: Vec<&str> = n.body.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(body.len(), 4, "{body:?}");
    assert_eq!(body[3], "10月22日");
}

#[test]
fn shapes_from_a_fifth_set() {
    // a reporting kicker glued to a long two-part headline
    let p = page(
        "某某在全市经济工作会议上强调 坚持稳中求进 奋力推动高质量发展迈出新步伐\n\n\
         株洲日报记者 甲乙\n\n株洲日报讯 正文。\n",
    );
    assert_eq!(
        p.articles[0].kicker.as_ref().unwrap().text,
        "某某在全市经济工作会议上强调"
    );
    // a sentence's cut opening is no headline
    let p = page(
        "标题\n\n株洲日报记者 甲乙\n\n株洲日报讯 正文说完了。\n\n某某强调，要坚定\n\n\
         国家统计局：某月份国民经济运行保持总体平稳\n\n新华社北京12月16日电 国家统计局16日发布数据。\n",
    );
    assert_eq!(
        titles(&p),
        ["标题", "国家统计局：某月份国民经济运行保持总体平稳"]
    );
    assert!(p.articles[1].subheadlines.is_empty());
    // a paragraph printed again between the halves of one cut by a column break
    let p = page(
        "标题\n\n株洲日报讯 正文开头。\n\n据介绍，专项行动将持续三年，覆盖全市中小企业。\n\n\
         行动将完善财政、金融等支持政策，\n\n据介绍，专项行动将持续三年，覆盖全市中小企业。\n\n\
         让中小企业转型看得见、算得清。\n",
    );
    let body: Vec<(&str, bool)> = p.articles[0]
        .body
        .iter()
        .map(|b| (b.text.as_str(), b.repeated))
        .collect();
    assert_eq!(
        body,
        [
            ("株洲日报讯 正文开头。", false),
            ("据介绍，专项行动将持续三年，覆盖全市中小企业。", false),
            (
                "行动将完善财政、金融等支持政策，让中小企业转型看得见、算得清。",
                false
            ),
            ("据介绍，专项行动将持续三年，覆盖全市中小企业。", true),
        ]
    );
    // a number cut by a column break is one number
    let p = page("标题\n\n株洲日报讯 比重提高到7\n\n8.3%。\n");
    assert_eq!(p.articles[0].body[0].text, "株洲日报讯 比重提高到78.3%。");
}

// Shapes of national and provincial dailies' e-paper pages (issue 12): the
// words are invented, the shapes are those real pages print.

#[test]
fn an_e_paper_header_of_an_unknown_paper_is_its_masthead() {
    let p = page(
        "某省日报\n2019年03月05日 星期二\n第01版：要闻\n\n甲乙丙丁会议开幕\n\n\
         本报北京3月3日电  （记者  张  洋  常  钦  李晓晴）  会议3日下午开幕。\n",
    );
    let m = p
        .masthead
        .as_ref()
        .expect("name, date and folio are a masthead");
    assert_eq!(m.paper.as_deref(), Some("某省日报"));
    assert_eq!(p.paper.as_deref(), Some("某省日报"));
    assert_eq!(m.date.unwrap().to_string(), "2019-03-05");
    assert_eq!(m.page_label.as_deref(), Some("01"));
    assert_eq!(m.page_name.as_deref(), Some("要闻"));
    assert_eq!(titles(&p), ["甲乙丙丁会议开幕"]);
    // Padded names: 张洋, and 常钦 beside 李晓晴 are two people.
    assert_eq!(p.articles[0].byline.reporters, ["张洋", "常钦", "李晓晴"]);
    // A name-shaped line alone, with no date or folio beside it, is no masthead.
    let p = page("某省日报\n\n甲乙丙丁会议开幕\n\n本报讯 会议开幕。\n");
    assert!(p.masthead.is_none());
}

#[test]
fn folios_in_their_printed_forms() {
    use masthead::folio;
    assert_eq!(
        folio("第01版：要闻"),
        Some(("01".into(), Some("要闻".into())))
    );
    assert_eq!(
        folio("第A3版 综合新闻"),
        Some(("A3".into(), Some("综合新闻".into())))
    );
    assert_eq!(
        folio("A3 综合新闻"),
        Some(("A3".into(), Some("综合新闻".into())))
    );
    assert_eq!(folio("第11版"), Some(("11".into(), None)));
    assert_eq!(folio("第十二版"), Some(("12".into(), None)));
    assert_eq!(folio("A01"), Some(("A01".into(), None)));
    // Prose that happens to open with a label is not a folio.
    assert_eq!(folio("第01版刊登的文章说，会议开幕。"), None);
    assert_eq!(folio("2019"), None);
}

#[test]
fn agency_reporters_standalone_and_closing_datelines() {
    // `新华社记者` standing alone sets the agency.
    let b = parse_byline("新华社记者", &Profiles::builtin()).unwrap();
    assert_eq!(b.agency.as_deref(), Some("新华社"));
    assert!(b.reporters.is_empty());
    let p = page(
        "甲乙会见丙丁\n\n新华社记者  张  三\n\n正文第一段说了一件事。\n\n\
         （新华社北京3月4日电）\n\n丁戊会议召开\n\n本报记者  李  四\n\n会议今天召开。\n",
    );
    assert_eq!(titles(&p), ["甲乙会见丙丁", "丁戊会议召开"]);
    let a = &p.articles[0];
    assert_eq!(a.byline.agency.as_deref(), Some("新华社"));
    assert_eq!(a.byline.reporters, ["张三"]);
    assert_eq!(a.dateline.as_deref(), Some("新华社北京3月4日电"));
    assert_eq!(p.articles[1].byline.reporters, ["李四"]);
    // Reporters inside an agency dateline.
    let d = parse_dateline("据新华社北京1月1日电（记者姜琳）当日", &Profiles::builtin()).unwrap();
    assert_eq!(d.agency.as_deref(), Some("新华社"));
    assert_eq!(d.byline.unwrap().reporters, ["姜琳"]);
}

#[test]
fn a_signature_under_a_column_title_is_its_writer() {
    let p = page("今日谈\n\n把实事办好\n\n刘  瑾\n\n民生无小事，枝叶总关情。\n");
    let a = &p.articles[0];
    assert_eq!(a.section.as_ref().map(|s| s.text.as_str()), Some("今日谈"));
    assert_eq!(
        a.headline.as_ref().map(|s| s.text.as_str()),
        Some("把实事办好")
    );
    // A signature is the writer's, not a reporter's.
    assert_eq!(a.byline.writers, ["刘瑾"]);
    assert!(a.byline.reporters.is_empty());
    // The same padded word above a headline is a label.
    let p = page("安  徽\n甲乙丙划出新标准\n本报合肥3月24日电　（记者孙振）实施细则明确。\n");
    let a = &p.articles[0];
    assert_eq!(a.byline.reporters, ["孙振"]);
    assert!(a.byline.writers.is_empty());
    assert_eq!(
        a.headline.as_ref().map(|s| s.text.as_str()),
        Some("甲乙丙划出新标准")
    );
}

#[test]
fn names_between_headline_and_text_sign_it_and_notes_close_it() {
    let p = page(
        "某某研究的新视角（治理之道）\n樊小杰  孔令华\n\u{3000}\u{3000}正文第一段，说了一件事。\n\
         \u{3000}\u{3000}（作者单位：某某大学）\n另一篇的标题\n岳宗德  李  明\n\u{3000}\u{3000}正文。\n——编  者\n",
    );
    assert_eq!(titles(&p), ["某某研究的新视角（治理之道）", "另一篇的标题"]);
    assert_eq!(p.articles[0].byline.writers, ["樊小杰", "孔令华"]);
    assert_eq!(p.articles[1].byline.writers, ["岳宗德", "李明"]);
    let last = |i: usize| p.articles[i].body.last().map(|b| b.text.clone());
    assert_eq!(last(0).as_deref(), Some("（作者单位：某某大学）"));
    assert_eq!(last(1).as_deref(), Some("——编  者"));
}

#[test]
fn a_date_range_in_a_dateline_is_not_the_day_it_was_filed() {
    let p = page("甲乙活动举行\n\n本报讯 12月8日至11日，活动在市里举行。\n");
    assert!(p.dateline_days.is_empty(), "{:?}", p.dateline_days);
    let p = page("甲乙活动举行\n\n本报讯 12月8日，活动在市里举行。\n");
    assert_eq!(p.dateline_days, [(12, 8)]);
}

#[test]
fn a_photo_story_under_its_label_is_an_item_credited_to_its_photographer() {
    let p = page(
        "甲乙会见丙丁\n新华社北京3月4日电  双方会谈。\n\n图片报道\n\u{3000}\u{3000}图为日前学生练习书法。\n\
         本报记者  李  舸摄\n\n丙丁会议召开\n本报北京3月3日电  （记者张洋）会议召开。\n",
    );
    assert_eq!(titles(&p), ["甲乙会见丙丁", "图片报道", "丙丁会议召开"]);
    let photo = &p.articles[1];
    assert_eq!(photo.captions.len(), 2, "caption and credit");
    assert_eq!(photo.byline.reporters, ["李舸"]);
    // Credits in their printed forms, and what is not one.
    let prof = Profiles::builtin();
    for credit in [
        "新华社记者  王建威摄",
        "李 博摄（人民视觉）",
        "隋先凯摄（新华社发）",
        "人民视觉",
    ] {
        assert!(is_photo_credit(credit, &prof), "{credit}");
    }
    for not in ["今天下午拍摄", "摄影展开幕", "记者从市里获悉"] {
        assert!(!is_photo_credit(not, &prof), "{not}");
    }
}

#[test]
fn decorated_jump_markers_and_pages_in_numerals() {
    assert_eq!(jump_marker("◀◀ 上接A1版"), Some((Jump::From, "A1".into())));
    assert_eq!(jump_marker("▶▶ 下转A2版"), Some((Jump::To, "A2".into())));
    assert_eq!(
        jump_marker("（上接第一版）"),
        Some((Jump::From, "1".into()))
    );
    assert_eq!(jump_marker("（下转第三版）"), Some((Jump::To, "3".into())));
    assert_eq!(
        jump_marker("（下转第十二版）"),
        Some((Jump::To, "12".into()))
    );
    assert_eq!(jump_marker("▶▶ 下转第几版"), None);
}

#[test]
fn a_notice_heading_that_reads_as_a_notice_heads_the_notices() {
    let p = page(
        "下列证件 声明作废\n\n张三遗失居民身份证，号码430000000000000000，声明作废。\n\n\
         李四遗失营业执照正本，声明作废。\n",
    );
    assert_eq!(p.articles.len(), 1, "{:#?}", p.articles);
    let a = &p.articles[0];
    assert_eq!(a.kind, ArticleKind::Notice);
    assert_eq!(
        a.headline.as_ref().map(|h| h.text.as_str()),
        Some("下列证件 声明作废")
    );
    assert_eq!(a.body.len(), 2);
}

#[test]
fn a_paper_with_no_profile_gives_articles_with_the_generic_profile() {
    let generic = Profiles::generic();
    assert!(generic.papers.iter().all(|p| p.name.is_empty()));
    let p = parse_page(
        "某市晚报\n2016年5月4日 星期三\nA3 城事\n\n甲乙路段今起封闭施工\n\
         本报记者  王  五\n本报讯 今天起，甲乙路段封闭施工。\n市民出行请绕行。\n\n\
         丙丁公园新开一处入口\n本报讯（记者 赵六 通讯员 钱七）昨天，公园新开入口。\n\n\
         戊己会议在京召开\n新华社北京5月3日电（记者孙八）会议3日召开。\n",
        &generic,
    );
    assert_eq!(p.paper.as_deref(), Some("某市晚报"));
    let m = p.masthead.as_ref().unwrap();
    assert_eq!(m.page_label.as_deref(), Some("A3"));
    assert_eq!(m.page_name.as_deref(), Some("城事"));
    assert_eq!(
        titles(&p),
        [
            "甲乙路段今起封闭施工",
            "丙丁公园新开一处入口",
            "戊己会议在京召开"
        ]
    );
    assert_eq!(p.articles[0].byline.reporters, ["王五"]);
    assert_eq!(p.articles[1].byline.correspondents, ["钱七"]);
    assert_eq!(p.articles[2].byline.agency.as_deref(), Some("新华社"));
    assert_eq!(p.articles[2].byline.reporters, ["孙八"]);
    assert_eq!(p.dateline_days, [(5, 3)]);
}

#[test]
fn bracketed_datelines_in_numerals_and_dispatches_under_one_headline() {
    let prof = Profiles::builtin();
    let d = parse_dateline("【新华社延安二十五日电】东京讯：协会成立。", &prof).unwrap();
    assert_eq!(d.agency.as_deref(), Some("新华社"));
    assert_eq!(d.text, "新华社延安二十五日电");
    assert_eq!(d.month_day, None, "no month printed: no day to date by");
    let d = parse_dateline("〔本報南京廿日電〕會議今日開幕。", &prof).unwrap();
    assert!(d.agency.is_none());
    let d = parse_dateline("中央社南京五月廿七日電 會議開幕。", &prof).unwrap();
    assert_eq!(d.agency.as_deref(), Some("中央社"));
    assert_eq!(d.month_day, Some((5, 27)));
    assert!(parse_dateline("【编者按】这是一篇文章。", &prof).is_none());
    let p = page(
        "\u{3000}\u{3000}甲国三领袖访乙国\n    【新华社延安二十五日电】某地广播：三领袖抵达。\n\
         \u{3000}\u{3000}【新华社延安二十五日电】某地讯：复决将于六月举行。\n\n\
         \u{3000}\u{3000}丙国主张改选议会\n    【新华社延安二十五日电】某地讯：丙国主张改选。\n",
    );
    assert_eq!(titles(&p), ["甲国三领袖访乙国", "丙国主张改选议会"]);
    assert_eq!(p.articles[0].body.len(), 2, "two dispatches, one article");
}

#[test]
fn a_letter_opens_under_its_title_and_closes_with_its_signature() {
    let p = page(
        "甲乙会议召开\n本报讯（记者 张三）会议召开。\n会议说了一件事。\n\n致全市人民的感谢信\n\
         亲爱的市民朋友们：\n这段时间，大家辛苦了。\n某某市委员会\n某某市人民政府\n2022年6月1日\n\n\
         丙丁活动举行\n本报讯（记者 李四）活动举行。\n",
    );
    assert_eq!(
        titles(&p),
        ["甲乙会议召开", "致全市人民的感谢信", "丙丁活动举行"]
    );
    let letter = &p.articles[1];
    assert_eq!(
        letter.body.last().map(|b| b.text.as_str()),
        Some("2022年6月1日")
    );
}

#[test]
fn a_title_and_a_summary_above_a_second_dateline_head_a_new_article() {
    let p = page(
        "甲乙会议召开\n本报讯（记者 张三）会议召开。\n会议说了一件事。\n\n\
         丙丁加快恢复活力\n以确定性应对不确定性，精准帮扶企业，稳住大盘。\n\
         本报讯 市领导昨天调研。\n调研说了一件事。\n",
    );
    assert_eq!(titles(&p), ["甲乙会议召开", "丙丁加快恢复活力"]);
    let b = &p.articles[1];
    assert_eq!(b.body.len(), 3, "the summary, then the text");
    assert_eq!(p.articles[0].body.len(), 2);
    assert_eq!(
        p.articles[0].lines,
        Span { first: 1, last: 3 },
        "the first article no longer spans the second's lines"
    );
}

#[test]
fn a_page_with_indented_text_and_flush_titles_shows_where_articles_start() {
    let body = "\u{3000}\u{3000}这一段正文足够长，说了一件又一件的事情，一直说到了这里。";
    let p = page(&format!(
        "甲乙会议召开\n{body}\n{body}\n\u{3000}\u{3000}成员规模仅次于世界银行\n{body}\n\n\
         丙丁活动举行\n{body}\n{body}\n\n当以正向力量引导发展（钟声）\n{body}\n"
    ));
    // The flush titles after a blank line open articles, the indented one
    // is a crosshead.
    assert_eq!(
        titles(&p),
        [
            "甲乙会议召开",
            "丙丁活动举行",
            "当以正向力量引导发展（钟声）"
        ]
    );
    assert!(
        p.articles[0]
            .body
            .iter()
            .any(|b| b.kind == BlockKind::Subhead)
    );
    // Without the layout (no indents), a lone title inside a text stays in it.
    let flat = body.trim_start_matches('\u{3000}');
    let p = page(&format!(
        "甲乙会议召开\n{flat}\n{flat}\n\n丙丁活动举行\n{flat}\n"
    ));
    assert_eq!(titles(&p), ["甲乙会议召开"]);
}

#[test]
fn the_line_with_the_column_in_brackets_is_the_headline() {
    let h = assign_header(&[
        Text {
            text: "提升亲和力  增强针对性".into(),
            lines: Span::line(1),
        },
        Text {
            text: "找准工作的着力点（治理之道）".into(),
            lines: Span::line(2),
        },
    ]);
    assert_eq!(
        h.kicker.map(|t| t.text).as_deref(),
        Some("提升亲和力  增强针对性")
    );
    assert_eq!(
        h.headline.map(|t| t.text).as_deref(),
        Some("找准工作的着力点（治理之道）")
    );
}

#[test]
fn a_byline_run_on_after_the_last_sentence_signs_the_article() {
    let p =
        page("甲乙活动举行\n本报讯 活动今天举行。\n“我替孩子们谢谢所有人了。”本报记者  杨  硕\n");
    assert_eq!(p.articles[0].byline.reporters, ["杨硕"]);
    // Names alone after a sentence are prose, not a byline.
    let p = page("甲乙活动举行\n本报讯 活动今天举行。参加的有张三 李四\n");
    assert!(p.articles[0].byline.reporters.is_empty());
}

#[test]
fn a_series_title_is_the_section_and_graphic_credits_are_furniture() {
    let p = page(
        "奋进新征程·一线见闻\n甲乙村里的新变化\n本报记者  张  三\n本报讯 村里变了。\n\
         数据来源：某某统计局  制图：李四\n",
    );
    let a = &p.articles[0];
    assert_eq!(
        a.section.as_ref().map(|s| s.text.as_str()),
        Some("奋进新征程·一线见闻")
    );
    assert_eq!(
        a.headline.as_ref().map(|s| s.text.as_str()),
        Some("甲乙村里的新变化")
    );
    assert_eq!(
        p.fragments.last().map(|f| f.text.as_str()),
        Some("数据来源：某某统计局  制图：李四")
    );
}

#[test]
fn on_a_page_signed_at_the_end_a_byline_closes_its_article_and_a_roundup_stays_whole() {
    let p = page(
        "甲乙活动举行\n\n活动今天在某地举行，来了很多人。\n\n本报记者  张三\n\n\
         丙丁求助汇总\n\n1.某区某路的王女士求助，已经解决。\n\n本报记者  李四\n\n\
         2.某区某路的赵先生求助，也已解决。\n\n本报记者  王五\n\n\
         戊己展览开幕\n\n展览今天开幕。\n\n本报记者  钱六\n",
    );
    assert_eq!(titles(&p), ["甲乙活动举行", "丙丁求助汇总", "戊己展览开幕"]);
    assert_eq!(p.articles[0].byline.reporters, ["张三"]);
    assert_eq!(p.articles[1].byline.reporters, ["李四", "王五"]);
    assert_eq!(p.articles[2].byline.reporters, ["钱六"]);
}

#[test]
fn bylines_printed_before_their_headlines_do_not_make_a_page_signed_at_the_end() {
    // Three bylines stand after the text above them, but each heads the
    // next article (its title, then its dateline): they are not closings.
    let p = page(
        "甲乙会议召开\n株洲日报讯 会议召开。\n会议说了一件事。\n\n\
         株洲日报记者 李四\n丙丁工程开工\n株洲日报讯 工程开工。\n工程说了一件事。\n\n\
         株洲日报记者 王五\n戊己活动举行\n株洲日报讯 活动举行。\n活动说了一件事。\n\n\
         株洲日报记者 赵六\n庚辛展览开幕\n株洲日报讯 展览开幕。\n",
    );
    let names: Vec<Vec<String>> = p
        .articles
        .iter()
        .map(|a| a.byline.reporters.clone())
        .collect();
    let none: Vec<String> = Vec::new();
    assert_eq!(
        names,
        [
            none,
            vec!["李四".to_string()],
            vec!["王五".into()],
            vec!["赵六".into()]
        ]
    );
}

#[test]
fn closing_reporter_lists_of_any_length() {
    let prof = Profiles::builtin();
    let b = parse_byline(
        "（本报记者黄发红、俞懿春、张朋辉、颜欢、李志伟、吴云、冯雪珺、王远、张杰、刘军）",
        &prof,
    )
    .unwrap();
    assert_eq!(b.reporters.len(), 10);
    let p = page(
        "甲乙会议召开\n本报讯 会议召开，说了一件事。\n\
         （本报北京、曼谷、华盛顿、柏林3月24日电  记者黄发红、俞懿春、张朋辉、颜欢、李志伟、吴云、冯雪珺）\n",
    );
    assert_eq!(
        p.articles[0].byline.reporters.len(),
        7,
        "{:?}",
        p.articles[0].byline
    );
}

#[test]
fn a_short_subject_over_a_line_twice_its_length_is_the_kicker() {
    let h = assign_header(&[
        Text {
            text: "中央国家机关".into(),
            lines: Span::line(1),
        },
        Text {
            text: "部门机关党委书记专题研讨班举办".into(),
            lines: Span::line(2),
        },
    ]);
    assert_eq!(h.kicker.map(|t| t.text).as_deref(), Some("中央国家机关"));
    assert_eq!(
        h.headline.map(|t| t.text).as_deref(),
        Some("部门机关党委书记专题研讨班举办")
    );
    // A headline and a deck of comparable length stay so.
    let h = assign_header(&[
        Text {
            text: "甲某到市某局调研".into(),
            lines: Span::line(1),
        },
        Text {
            text: "让某某如阳光普照四方".into(),
            lines: Span::line(2),
        },
    ]);
    assert_eq!(
        h.headline.map(|t| t.text).as_deref(),
        Some("甲某到市某局调研")
    );
}

#[test]
fn a_page_with_blank_lines_only_between_articles_shows_where_they_start() {
    let body = "这一段正文足够长，说了一件又一件的事情，一直说到了这里。";
    let p = page(&format!(
        "甲乙会议召开\n{body}\n{body}\n成员规模仅次于世界银行\n{body}\n{body}\n\n\
         丙丁活动举行\n{body}\n{body}\n\n戊己展览开幕\n{body}\n{body}\n"
    ));
    // Titles after a blank line open articles; the one inside the text is
    // a crosshead.
    assert_eq!(titles(&p), ["甲乙会议召开", "丙丁活动举行", "戊己展览开幕"]);
    assert!(
        p.articles[0]
            .body
            .iter()
            .any(|b| b.kind == BlockKind::Subhead)
    );
}

#[test]
fn e_paper_headers_in_the_orders_and_forms_exports_print_them() {
    let body = "甲乙会议召开\n本报北京3月4日电（记者 张三）会议召开。\n会议说了一件事。\n";
    for header in [
        "某省日报 2019年03月05日 星期二 第01版：要闻",
        "第01版：要闻\n某省日报\n2019年03月05日 星期二",
        "2019年03月05日 星期二\n某省日报\n第01版",
        "某省日报\n2019-03-05\n第01版",
        "某省日报 2019年3月5日 第01版",
    ] {
        let p = page(&format!("{header}\n\n{body}"));
        let m = p
            .masthead
            .as_ref()
            .unwrap_or_else(|| panic!("{header}: no masthead"));
        assert_eq!(m.paper.as_deref(), Some("某省日报"), "{header}");
        assert_eq!(
            m.date.map(|d| d.to_string()).as_deref(),
            Some("2019-03-05"),
            "{header}"
        );
        assert_eq!(m.page_label.as_deref(), Some("01"), "{header}");
        assert_eq!(titles(&p), ["甲乙会议召开"], "{header}");
    }
}

#[test]
fn bylines_with_a_closing_verb_a_bullet_or_text_and_picture_credits() {
    let reporters = |byline: &str| {
        let p = page(&format!(
            "甲乙会议召开\n{byline}\n本报讯 会议召开，说了一件事。\n"
        ));
        assert_eq!(titles(&p), ["甲乙会议召开"], "{byline}");
        p.articles[0].byline.reporters.clone()
    };
    assert_eq!(reporters("记者 张三 李四 报道"), ["张三", "李四"]);
    assert_eq!(reporters("本报记者 张三 摄影报道"), ["张三"]);
    assert_eq!(reporters("文/张三 图/李四"), ["张三", "李四"]);
    assert_eq!(reporters("（记者 张三 文/图）"), ["张三"]);
    // An essay's author, with no picture credit: a writer, not a reporter.
    assert!(reporters("文/张三").is_empty());
    assert_eq!(reporters("□本报记者 张三"), ["张三"]);
    assert_eq!(reporters("■ 本报记者 张三"), ["张三"]);
}

#[test]
fn more_dateline_forms_of_chinese_dailies() {
    let prof = Profiles::builtin();
    let d = parse_dateline("本报讯 记者张三报道：会议召开。", &prof).unwrap();
    assert_eq!(d.byline.unwrap().reporters, ["张三"]);
    let d = parse_dateline("本报讯 (记者 张三 通讯员 李四)会议召开。", &prof).unwrap();
    let b = d.byline.unwrap();
    assert_eq!(
        (b.reporters, b.correspondents),
        (vec!["张三".to_string()], vec!["李四".to_string()])
    );
    let d = parse_dateline("人民网北京3月5日电 会议召开。", &prof).unwrap();
    assert_eq!(d.agency.as_deref(), Some("人民网"));
    assert_eq!(d.month_day, Some((3, 5)));
    let d = parse_dateline("本报北京电  （记者赵四）会议召开。", &prof).unwrap();
    assert_eq!(d.byline.unwrap().reporters, ["赵四"]);
    // Prose that merely holds the words is no dateline.
    assert!(parse_dateline("本报收到来电称，会议召开。", &prof).is_none());
    let b = parse_byline("本报特约记者 张三 北京报道", &prof).unwrap();
    assert_eq!(b.reporters, ["张三"]);
}

#[test]
fn an_essay_signed_with_text_credit_alone_names_its_writer() {
    let p =
        page("一篇随笔的题目\n\n文/甲乙丙\n\n小时候，院子里的人都叫我小名。那声音至今还在耳边。\n");
    assert_eq!(titles(&p), ["一篇随笔的题目"]);
    assert_eq!(p.articles[0].byline.writers, ["甲乙丙"]);
    assert!(p.articles[0].byline.reporters.is_empty());
}

#[test]
fn a_headline_about_qr_codes_is_no_promotion() {
    assert!(is_promo("扫一扫关注某某报新媒体"));
    assert!(is_promo("请关注本报微信公众号二维码"));
    assert!(!is_promo("二维码“批量生成”"));
}

#[test]
fn a_punctuated_first_line_over_a_title_is_its_kicker() {
    // A question, then the headline, atop an inner page.
    let p = page(
        "某某晚报\n2022年4月2日 星期六\n第3版:要闻\n\n甲乙被转运，孩子谁来照顾？\n\
         “甲督导员”上线了\n\n社区封控期间，需要加强对特殊人群的关爱。\n",
    );
    assert_eq!(p.articles.len(), 1);
    let a = &p.articles[0];
    assert_eq!(
        a.kicker.as_ref().unwrap().text,
        "甲乙被转运，孩子谁来照顾？"
    );
    assert_eq!(a.headline.as_ref().unwrap().text, "“甲督导员”上线了");
    // Someone's words after a colon, then the headline and a deck.
    let p = page(
        "某某晚报\n2022年4月2日 星期六\n第1版:要闻\n\n某某重要指示：管甲必须管乙，管丙必须管丁\n\
         始终保持高度警觉\n全国某某工作电视电话会议在京召开  某某作出批示\n\n会议指出，要做好各项工作。\n",
    );
    let a = &p.articles[0];
    assert_eq!(
        a.kicker.as_ref().unwrap().text,
        "某某重要指示：管甲必须管乙，管丙必须管丁"
    );
    assert_eq!(a.headline.as_ref().unwrap().text, "始终保持高度警觉");
    assert_eq!(a.subheadlines.len(), 1);
}

#[test]
fn a_feature_whose_sections_are_signed_stays_one_article() {
    // A spread: the lead, then sections each headed label-over-title and
    // signed at their end; the page signs its articles at the end.
    let p = page(
        "某某晚报\n2022年4月1日 星期五\n第6版:新闻\n\n送菜上门帮配药  服务松不得\n\n\
         疫情期间，各个街道想了很多办法。\n\n自助助人\n\n检测高效率\n\n\
         居委会忙不过来，志愿者来帮忙。\n\n本报记者  甲乙\n\n缓解焦虑\n\n老伙伴们来帮忙\n\n\
         老年人最需要关心，街道安排了电话。\n\n本报记者  丙丁\n\n广开渠道\n\n老年食堂保供应\n\n\
         热气腾腾的饭菜送到门口。\n\n本报记者  戊己  通讯员  庚辛\n",
    );
    assert_eq!(titles(&p), ["送菜上门帮配药  服务松不得"]);
    let a = &p.articles[0];
    assert_eq!(a.byline.reporters, ["甲乙", "丙丁", "戊己"]);
    assert_eq!(a.byline.correspondents, ["庚辛"]);
    let subheads: Vec<&str> = a
        .body
        .iter()
        .filter(|b| b.kind == BlockKind::Subhead)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(subheads.len(), 6, "{subheads:?}");
}

#[test]
fn articles_signed_at_the_end_with_headlines_of_their_own_stay_apart() {
    // The same page shape, but each piece has a headline of its own (no
    // short label over it): three articles.
    let p = page(
        "某某晚报\n2022年4月1日 星期五\n第6版:新闻\n\n某区推出十项便民服务措施\n\n\
         疫情期间，某区想了很多办法。\n\n本报记者  甲乙\n\n另一个区的老年食堂恢复供应\n\n\
         老年人最需要关心，街道安排了电话。\n\n本报记者  丙丁\n\n第三个区开通线上配药服务平台\n\n\
         热气腾腾的饭菜送到门口。\n\n本报记者  戊己\n",
    );
    assert_eq!(titles(&p).len(), 3, "{:?}", titles(&p));
}

#[test]
fn staff_credits_are_furniture_even_with_two_role_words() {
    for credit in [
        "责任编辑：甲乙",
        "版式设计：甲乙丙",
        "图片编辑 甲乙",
        "本版统筹：甲乙",
    ] {
        assert!(is_staff_credit(credit), "{credit}");
    }
    assert!(!is_staff_credit("设计新的方案：甲乙"));
    let p = page("某某会议召开\n本报记者  甲乙\n会议说了一件事。\n版式设计：丙丁戊\n");
    assert_eq!(titles(&p), ["某某会议召开"]);
    assert!(p.fragments.iter().any(|f| f.text == "版式设计：丙丁戊"));
}

#[test]
fn an_exclaiming_headline_with_its_column_in_brackets_heads_its_article() {
    let p = page(
        "第一篇的标题\n本报记者  甲  乙\n　　第一篇的正文说了一件事。\n\n某某监察加强日常执法\n\
         违法占用耕地，严查！（政策解读）\n本报记者  丙  丁\n　　面对总量仍然较大的违法问题，有关部门表示。\n",
    );
    assert_eq!(
        titles(&p),
        ["第一篇的标题", "违法占用耕地，严查！（政策解读）"]
    );
    assert_eq!(
        p.articles[1].kicker.as_ref().unwrap().text,
        "某某监察加强日常执法"
    );
    assert_eq!(p.articles[1].byline.reporters, ["丙丁"]);
}

#[test]
fn a_kicker_closed_by_a_dash_heads_the_title_under_it() {
    let p = page(
        "由甲型向乙型、由丙型向丁型不断迈进，某某的“出镜率”越来越高——\n\
         航行在新的征程上（某某视线）\n本报记者  甲  乙\n　　某地某事开始，大家都很高兴。\n",
    );
    assert_eq!(titles(&p), ["航行在新的征程上（某某视线）"]);
    assert!(p.articles[0].kicker.as_ref().unwrap().text.ends_with("——"));
}

#[test]
fn an_essay_signed_under_its_title_with_numbered_parts_keeps_its_title() {
    let p = page(
        "某地楼语\n甲乙丙\n　　一\n　　在某地一带，最引人注目的是楼。\n　　二\n　　后来我又去了。\n",
    );
    assert_eq!(titles(&p), ["某地楼语"]);
    assert_eq!(p.articles[0].byline.writers, ["甲乙丙"]);
}

#[test]
fn a_title_after_the_signature_under_a_title_opens_the_next_article() {
    // A painting's title and painter, then an essay's title and text, on a
    // page that signs under the headline and sets its text indented.
    let p = page(
        "第一篇的标题\n本报记者  甲  乙\n　　第一篇的正文说了一件事，事情是这样的，前前后后经过了很多天才办完。\n\
         \u{3000}\u{3000}第二段说了另一件事，也很重要，大家在会上讨论了很久才定下来。\n　　第三段说了第三件事，大家都知道，这件事从去年就开始准备了。\n\
         \u{3000}\u{3000}第四段说了最后一件事，就到这里，以后还会有新的进展再报道。\n\n某地风景（中国画）\n李  丙\n\n\
         开门记\n\n　　喔嗬，开门啰……\n　　大家都来了，地里很热闹，田埂上站满了看热闹的孩子和老人。\n",
    );
    assert_eq!(titles(&p), ["第一篇的标题", "某地风景（中国画）", "开门记"]);
    assert!(p.articles[2].body[0].text.starts_with("喔嗬"));
}

#[test]
fn a_comma_deck_between_title_and_dateline_heads_the_article() {
    let p = page(
        "\u{3000}\u{3000}某国党坚持立即独立\n    【新华社延安二十四日电】某地讯：某国党表示。\n\n\
         \u{3000}\u{3000}某党主张改选议会\n    谴责多数议员曾与军部合作，从事侵略战争\n\
         \u{3000}\u{3000}【新华社延安二十五日电】某地讯：某党发表声明。\n",
    );
    assert_eq!(titles(&p), ["某国党坚持立即独立", "某党主张改选议会"]);
    assert_eq!(p.articles[1].subheadlines.len(), 1);
}

#[test]
fn an_essay_closed_by_a_date_in_numerals_and_a_note_keeps_both() {
    let p = page(
        "论某某问题\n某某\n一  某某的由来\n某某的事情是这样开始的，大家都看见了。\n\
         二  结语\n世界还在变化之中，我们拭目以待吧。\n一九四六年二月五日\n\
         （此文系转载某某杂志××卷××期）\n\n\u{3000}\u{3000}某某任驻某国新使\n\
         【新华社延安廿五日电】某地讯：某某已被任命。\n",
    );
    assert_eq!(titles(&p), ["论某某问题", "某某任驻某国新使"]);
    let essay = &p.articles[0];
    assert!(essay.body.iter().any(|b| b.text == "一九四六年二月五日"));
    assert!(
        essay
            .body
            .iter()
            .any(|b| b.text.starts_with("（此文系转载"))
    );
    let parts = essay
        .body
        .iter()
        .filter(|b| b.kind == BlockKind::Subhead)
        .count();
    assert_eq!(parts, 2);
}

#[test]
fn a_paper_without_a_profile_dates_its_bureau_reports() {
    let d = parse_dateline(
        "某某特区报广州3月2日电（记者 甲乙 通讯员 丙丁）2日上午，会议召开。",
        &Profiles::generic(),
    )
    .unwrap();
    assert_eq!(d.paper.as_deref(), Some("某某特区报"));
    assert_eq!(d.month_day, Some((3, 2)));
    let b = d.byline.unwrap();
    assert_eq!(
        (b.reporters, b.correspondents),
        (vec!["甲乙".to_string()], vec!["丙丁".to_string()])
    );
    // Undated words before 电 are prose, whatever paper they name.
    assert!(parse_dateline("某某特区报收到来电称，会议召开。", &Profiles::generic()).is_none());
}

#[test]
fn a_marked_byline_with_the_text_run_on_signs_the_article() {
    let page = |text: &str| parse_page(text, &Profiles::generic());
    // Role words: the byline goes to the headline above it, the text after it.
    let p = page(
        "某某特区报\n2017年03月03日 星期五\n\n某区国防教育再添利器\n \
         ■ 某某特区报记者 甲乙 通讯员 丙丁 文/图 近日，某区国防教育基地举行了揭牌仪式。\n",
    );
    assert_eq!(titles(&p), ["某区国防教育再添利器"]);
    let a = &p.articles[0];
    assert_eq!(a.byline.reporters, ["甲乙"]);
    assert_eq!(a.byline.correspondents, ["丙丁"]);
    assert!(a.body[0].text.starts_with("近日"));
    // A name alone before the picture credit: the writer; `◎` marks too,
    // and a headline ending in ！ over it is still its headline.
    let p = page(
        "某某特区报\n2017年03月03日 星期五\n\n人人都有导演梦！\n \
         ◎ 李文博 文/图 从穿上警服的那天开始，他就一直在一线工作，从来没有休息过。\n",
    );
    assert_eq!(titles(&p), ["人人都有导演梦！"]);
    assert_eq!(p.articles[0].byline.writers, ["李文博"]);
    // A brief with a run-in title is still a brief.
    let p = page("简讯\n■某某活动开幕 昨日，某某活动在某地开幕。\n");
    assert_eq!(titles(&p), ["某某活动开幕"]);
}

#[test]
fn an_expert_signing_with_a_post_and_a_reader_signing_a_letter_open_no_article() {
    // A page of expert notes, each signed with a name and a post.
    let p = page(
        "某某节里的民俗\n\n本报记者  甲乙\n\n某某节是一个古老的节日，历史很长。\n\n李文博\n\n\
         某市民俗文化学会会长\n\n原始社会，人们最基本的精神活动就是祭祀。\n",
    );
    assert_eq!(titles(&p), ["某某节里的民俗"]);
    // A reader's letter under 求助, signed with an address and a name.
    let p = page(
        "特早产双胞胎  获特批送母乳\n\n求助\n\n我的妻子今年2月生下一对双胞胎，现在很着急。\n\n\
         某区某路658弄某苑  张先生\n\n帮忙\n\n接到求助后，记者与街道取得了联系。本报记者  甲乙\n",
    );
    assert_eq!(titles(&p), ["特早产双胞胎  获特批送母乳"]);
    assert_eq!(p.articles[0].byline.reporters, ["甲乙"]);
}

#[test]
fn a_dateline_deep_in_an_undated_article_takes_the_title_above_its_lead() {
    // A full-text database's page: the first article has no dateline; the
    // second's headline reads as a crosshead, its summary lines follow, then
    // its dateline.
    let p = page(
        "打通堵点，政策扶持要明确\n\n“现在我们的客户还是比较着急的。”某企业负责人说。\n\n\
         当前，某市正恢复正常生产秩序，企业盼望政策落地。\n\n\
         委员们建议，进一步增强政策的可操作性。\n\n今起全面恢复正常生产生活秩序\n\n\
         除中高风险地区外，全面恢复正常生产生活秩序。\n\n自6月1日起，公立医疗机构恢复服务。\n\n\
         本报讯（记者 甲乙）昨天举行的新闻发布会介绍了有关情况。\n",
    );
    let last = p.articles.last().unwrap();
    assert_eq!(
        last.headline.as_ref().unwrap().text,
        "今起全面恢复正常生产生活秩序"
    );
    assert_eq!(last.byline.reporters, ["甲乙"]);
    assert_eq!(last.body.len(), 3, "its lead and its dated text");
}

/// A sentence long enough to count as a paragraph of text on any layout.
const LONG: &str = "会议认为，这件事要办好，各方面都要出力，大家都要一起努力把它做成做好。";

#[test]
fn on_a_page_spaced_by_single_blanks_a_title_after_a_wider_gap_opens_an_article() {
    // One blank line after every paragraph, two where an article ends: the
    // second article has neither byline nor dateline above its summary,
    // and its headline (with a comma) follows the first article's last
    // paragraph.
    let p = page(&format!(
        "甲乙会议召开\n\n本报讯（记者 张三）会议今天召开，说了一件事。\n\n\
         {LONG}\n\n{LONG}\n\n{LONG}\n\n{LONG}\n\n\n\
         丙丁加力，推动恢复发展活力\n\n以确定的办法应对不确定的情况，帮扶企业，稳住大盘\n\n\
         某区走访企业，优化服务，简化流程，解决突出问题\n\n\
         本报讯 市领导昨天到某区调研复工复产情况。\n\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙会议召开", "丙丁加力，推动恢复发展活力"]);
    let b = &p.articles[1];
    assert_eq!(b.dateline.as_deref(), Some("本报讯"));
    assert_eq!(p.articles[0].lines, Span { first: 1, last: 11 });
    assert_eq!(
        b.lines,
        Span {
            first: 14,
            last: 22
        },
        "its summary is its own"
    );
}

#[test]
fn on_a_page_spaced_by_single_blanks_a_title_after_one_blank_stays_a_crosshead() {
    let p = page(&format!(
        "甲乙会议召开\n\n本报讯（记者 张三）会议今天召开，说了一件事。\n\n\
         {LONG}\n\n{LONG}\n\n{LONG}\n\n{LONG}\n\n丙丁的新办法\n\n{LONG}\n\n\n\
         戊己项目开工\n\n{LONG}\n\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙会议召开", "戊己项目开工"]);
    assert!(
        p.articles[0]
            .body
            .iter()
            .any(|b| b.kind == BlockKind::Subhead && b.text == "丙丁的新办法")
    );
}

#[test]
fn long_summary_lines_between_a_titled_lead_and_its_dateline_stay_its_lead() {
    // Summary lines as long as a sentence, each with one comma, are not a
    // new article's headline and deck: the dateline under them is the
    // titled article's own.
    let p = page(&format!(
        "甲乙会议召开\n\n本报讯（记者 张三）会议今天召开，说了一件事。\n\n{LONG}\n\n{LONG}\n\n{LONG}\n\n{LONG}\n\n\n\
         更好统筹丙丁工作\n\n要坚决做好这件事，保持高度警醒，有关体系要随时保持激活，确保第一时间响应\n\n\
         层层压实各方的责任、层层传导压力，各区各街镇要把明确的要求措施执行到位\n\n\
         提高个人防护的意识和能力，让打疫苗、做检测、戴口罩成为大家自觉的行动\n\n\
         本报讯 连日来，有关方面每天晚上召开例会，部署下一步工作。\n\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙会议召开", "更好统筹丙丁工作"]);
    let b = &p.articles[1];
    assert_eq!(b.dateline.as_deref(), Some("本报讯"));
    assert_eq!(
        b.lines,
        Span {
            first: 14,
            last: 24
        },
        "its summary is its own"
    );
    assert!(b.body.iter().any(|p| p.text.starts_with("层层压实")));
}

#[test]
fn a_crosshead_on_the_lesson_of_something_is_no_notice() {
    // `…启示` heads notices (a misspelt 启事); `…的启示`, "the lesson of",
    // is a feature's crosshead.
    let p = page(&format!(
        "甲乙一家人\n\n{LONG}\n\n{LONG}\n\n丙丁的温暖\n\n{LONG}\n\n{LONG}\n\n\
         戊己团购的启示\n\n{LONG}\n\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙一家人"]);
    let crossheads: Vec<&str> = p.articles[0]
        .body
        .iter()
        .filter(|b| b.kind == BlockKind::Subhead)
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(crossheads, ["丙丁的温暖", "戊己团购的启示"]);
    assert!(super::classify::is_notice_heading("招聘启示"));
    assert!(!super::classify::is_notice_heading("戊己团购的启示"));
}

#[test]
fn a_contact_box_is_text_of_its_article_not_new_articles() {
    let p = page(&format!(
        "甲乙一家人\n\n{LONG}\n\n{LONG}\n\n协助甲乙管道\n\n\
         某某服务中心：（02）2558-0133转12\n\n◎某某风味餐馆\n\n地址：某镇某路226号\n\n\
         营业时间：下午5时至凌晨1时\n\n电话：（049）2997999\n\n★某某基金会 0809-008585\n"
    ));
    assert_eq!(titles(&p), ["甲乙一家人"], "{:#?}", p.articles);
    let body: Vec<&str> = p.articles[0].body.iter().map(|b| b.text.as_str()).collect();
    assert!(
        body.contains(&"地址：某镇某路226号"),
        "an entry a line: {body:?}"
    );
    assert!(body.contains(&"电话：（049）2997999"), "{body:?}");
    assert!(!super::classify::is_contact_line("2010/12/07：住院手术"));
    assert!(!super::classify::is_contact_line("统计局：2022年GDP增长3%"));
}

#[test]
fn credits_of_papers_in_traditional_characters() {
    // A dated byline opening the text, in brackets; a credit run on after
    // the lead; an interview told to a reporter.
    let p = page(&format!(
        "甲乙病纏身\n\n{LONG}\n\n{LONG}\n\n\
         丙丁一家難過年\n\n【王小明╱台北報導】{LONG}\n\n{LONG}\n"
    ));
    assert_eq!(
        titles(&p),
        ["甲乙病纏身", "丙丁一家難過年"],
        "the dated byline opens it"
    );
    assert_eq!(p.articles[1].byline.reporters, ["王小明"]);
    assert_eq!(
        p.articles[1].dateline.as_deref(),
        Some("【王小明╱台北報導】")
    );
    let p = page(&format!(
        "丙丁一家難過年\n\n{LONG}報導．攝影╱李大同\n\n{LONG}\n"
    ));
    assert_eq!(p.articles[0].byline.reporters, ["李大同"]);
    let p = page(&format!(
        "戊己談病情\n\n甲乙口述 記者張三採訪整理\n\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["戊己談病情"]);
    assert_eq!(p.articles[0].byline.reporters, ["張三"]);
}

#[test]
fn a_slash_credit_under_the_lead_signs_the_article_and_it_goes_on() {
    // The credit on its own line after the lead, then a crosshead: one
    // article, not a second one headed by the crosshead.
    let p = page(&format!(
        "甲乙病纏身\n丙丁難籌醫費\n{LONG}\n報導、攝影╱王小明\n戊己車貸清完\n{LONG}\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙病纏身"], "{:#?}", p.articles);
    assert_eq!(p.articles[0].byline.reporters, ["王小明"]);
    assert!(
        p.articles[0]
            .body
            .iter()
            .any(|b| b.kind == BlockKind::Subhead && b.text == "戊己車貸清完")
    );
    // Run on after a colon that introduces an interview.
    let p = page(&format!(
        "甲乙談病情\n{LONG}訪談如下：甲乙口述╱記者王小明採訪整理\n{LONG}\n"
    ));
    assert_eq!(p.articles[0].byline.reporters, ["王小明"]);
}

#[test]
fn a_heading_over_numbered_points_closing_the_page_is_an_item_of_its_own() {
    let box_ = "某某基金会作业说明\n1.基金会感谢各位读者爱心，善款全数转交。\n\
                2.基金会对所有捐款人开具收据。\n3.基金会每年请会计师查核。\n";
    let p = page(&format!("甲乙一家人\n{LONG}\n{LONG}\n{box_}"));
    assert_eq!(titles(&p), ["甲乙一家人", "某某基金会作业说明"]);
    assert_eq!(p.articles[1].kind, ArticleKind::Notice);
    // A long number is no point's (and reads without overflow).
    let p = page(&format!(
        "甲乙一家人\n{LONG}\n某某说明\n1.乙\n99999999999999999999.甲\n"
    ));
    assert!(p.articles.iter().all(|a| a.kind != ArticleKind::Notice));
    // Numbered points under a crosshead with text after them stay the
    // article's.
    let p = page(&format!(
        "甲乙一家人\n{LONG}\n三项措施\n1.第一项措施。\n2.第二项措施。\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙一家人"]);
}

#[test]
fn in_an_article_credited_with_a_slash_a_labelled_heading_is_a_section() {
    // `後記` over a heading inside the story, and a heading under a photo's
    // caption: the story's sections, since a new article on a page that
    // credits with slash credits carries its own.
    let p = page(&format!(
        "甲乙病纏身\n丙丁難籌醫費\n{LONG}報導．攝影╱王小明\n{LONG}\n後記\n小小幸福都該珍惜\n{LONG}\n\
         戊己（右）在病床邊陪伴母親。\n高職練啦啦隊奪獎\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙病纏身"], "{:#?}", p.articles);
    assert!(
        p.articles[0].body[0].text.ends_with("王小明"),
        "the lead closed by its credit is whole, not joined to the next paragraph"
    );
    // Without the credit, the same label over a heading opens a column's
    // article, as 人民日报 prints one.
    let p = page(&format!(
        "甲乙病纏身\n丙丁難籌醫費\n{LONG}\n{LONG}\n後記\n小小幸福都該珍惜\n{LONG}\n"
    ));
    assert_eq!(titles(&p), ["甲乙病纏身", "小小幸福都該珍惜"]);
}
