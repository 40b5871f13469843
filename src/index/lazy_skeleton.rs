//! The skeleton's headlines with each issue's pages read and decoded when
//! first asked for: what the reader starts on.
//!
//! The headlines file holds the issues' shells (ids, dates, warnings,
//! article counts, where each issue's pages lie and their checksum), then
//! every issue's pages (see [`super::skeleton`]). This reads the shells
//! and leaves the pages in the file until an issue is shown, listed or
//! searched: a screen holds a few dozen issues.
//!
//! Why: at 100k generated issues decoding every issue's pages (159 MB into
//! 962k articles) took 0.9 s of the reader's 1.8 s first frame and held
//! 0.8 GB of its 1.13 GB peak.

use super::skeleton::{Shells, headlines_payload, shells_of};
use crate::model::{Archive, Issue, Page};
use crate::search::HeadlineIndex;
use rayon::prelude::*;
use std::collections::HashMap;
use std::sync::{Arc, OnceLock};

/// See the module docs.
pub struct LazySkeleton {
    /// Every issue without its pages; the archive's root and errors.
    shells: Arc<Archive>,
    /// Where each issue's pages lie, and their checksum.
    places: Vec<Place>,
    articles: usize,
    /// Shared by a skeleton and those made of it ([`LazySkeleton::with_issues`]).
    pages: Arc<PageBytes>,
    /// The pages of issues that replace the file's (a structural
    /// correction's), by number.
    replaced: HashMap<usize, Vec<Page>>,
    /// Boxed: a cell per issue, most never filled (an issue inline is
    /// 384 bytes, 38 MB at 100k issues).
    decoded: Vec<OnceLock<Box<Issue>>>,
}

#[derive(Clone)]
struct Place {
    at: u64,
    len: u64,
    crc: u32,
}

/// Where the encoded pages are.
enum PageBytes {
    /// In the headlines file, from `at` on.
    File { file: std::fs::File, at: u64 },
    /// In memory (a skeleton made of an archive at hand).
    Memory(Vec<u8>),
}

impl LazySkeleton {
    /// The skeleton of `archive` at hand, encoded as the headlines file
    /// holds it (the reader's tests start on it as on the file).
    pub fn of(archive: &Archive) -> LazySkeleton {
        let payload = headlines_payload(archive).expect("an archive encodes");
        let (shells, start) = shells_of(&payload).expect("its own shells read back");
        LazySkeleton::new(shells, PageBytes::Memory(payload[start..].to_vec()))
    }

    /// The skeleton whose shells are `shells`, its pages in `file` from
    /// `at` on.
    pub(super) fn from_file(shells: Shells, file: std::fs::File, at: u64) -> LazySkeleton {
        LazySkeleton::new(shells, PageBytes::File { file, at })
    }

    fn new(shells: Shells, pages: PageBytes) -> LazySkeleton {
        let places = shells
            .issues
            .iter()
            .map(|s| Place {
                at: s.at,
                len: s.len,
                crc: s.crc,
            })
            .collect();
        let articles = shells.issues.iter().map(|s| s.articles as usize).sum();
        let decoded = shells.issues.iter().map(|_| OnceLock::new()).collect();
        let issues = shells
            .issues
            .into_iter()
            .map(|s| s.into_issue(Vec::new()))
            .collect();
        LazySkeleton {
            shells: Arc::new(Archive {
                root: shells.root,
                issues,
                errors: shells.errors,
            }),
            places,
            articles,
            pages: Arc::new(pages),
            replaced: HashMap::new(),
            decoded,
        }
    }

    /// This skeleton with each `(n, issue)` of `issues` (the issue numbered
    /// `n` as a review's structural corrections make it: other articles
    /// than the file's) in place of its own, its titles as
    /// [`super::skeleton::issue_headlines`] keeps them; the file's pages
    /// shared. `None` when an issue is out of range.
    pub fn with_issues(&self, issues: &[(usize, &Issue)]) -> Option<LazySkeleton> {
        let mut shells = Archive::clone(&self.shells);
        let mut replaced = self.replaced.clone();
        let mut articles = self.articles;
        for &(n, issue) in issues {
            let shell = shells.issues.get_mut(n)?;
            let was = self.read_pages(n)?;
            articles = articles + issue.article_count()
                - was.iter().map(|p| p.articles.len()).sum::<usize>();
            let mut headlines = super::skeleton::issue_headlines(issue);
            replaced.insert(n, std::mem::take(&mut headlines.pages));
            *shell = headlines;
        }
        Some(LazySkeleton {
            shells: Arc::new(shells),
            places: self.places.clone(),
            articles,
            pages: self.pages.clone(),
            replaced,
            decoded: self.places.iter().map(|_| OnceLock::new()).collect(),
        })
    }

    /// The archive's issues without their pages, its root and its errors.
    pub fn shells(&self) -> &Arc<Archive> {
        &self.shells
    }

    /// The archive's issues without their pages, its root and its errors,
    /// taken from the skeleton (copied only if they are shared).
    pub fn into_shells(self) -> Archive {
        Arc::try_unwrap(self.shells).unwrap_or_else(|shared| Archive::clone(&shared))
    }

    /// How many issues.
    pub fn len(&self) -> usize {
        self.places.len()
    }

    pub fn is_empty(&self) -> bool {
        self.places.is_empty()
    }

    /// How many articles in all, no issue read.
    pub fn article_count(&self) -> usize {
        self.articles
    }

    /// The issue numbered `n` with its pages, read the first time it is
    /// asked for. An issue whose pages no longer read (the file damaged
    /// since it was opened) is its shell without pages.
    pub fn issue(&self, n: usize) -> Option<&Issue> {
        let shell = self.shells.issues.get(n)?;
        Some(self.decoded[n].get_or_init(|| {
            let mut issue = shell.clone();
            issue.pages = self.read_pages(n).unwrap_or_default();
            Box::new(issue)
        }))
    }

    /// The issue numbered `n` with its pages, as [`LazySkeleton::issue`]
    /// gives it, but not kept when it was not read before: what a pass
    /// over every issue asks for, so that memory stays flat.
    pub fn issue_passing(&self, n: usize) -> Option<std::borrow::Cow<'_, Issue>> {
        if let Some(read) = self.decoded.get(n)?.get() {
            return Some(std::borrow::Cow::Borrowed(read));
        }
        let mut issue = self.shells.issues.get(n)?.clone();
        issue.pages = self.read_pages(n).unwrap_or_default();
        Some(std::borrow::Cow::Owned(issue))
    }

    /// Whether the issue numbered `n` has been read.
    pub fn is_read(&self, n: usize) -> bool {
        self.decoded.get(n).is_some_and(|d| d.get().is_some())
    }

    /// The pages of the issue numbered `n`, read and checked.
    fn read_pages(&self, n: usize) -> Option<Vec<Page>> {
        if let Some(pages) = self.replaced.get(&n) {
            return Some(pages.clone());
        }
        let place = self.places.get(n)?;
        let len = usize::try_from(place.len).ok()?;
        let owned;
        let bytes: &[u8] = match &*self.pages {
            PageBytes::Memory(all) => {
                let at = usize::try_from(place.at).ok()?;
                all.get(at..at.checked_add(len)?)?
            }
            PageBytes::File { file, at } => {
                use std::os::unix::fs::FileExt;
                let mut buf = vec![0u8; len];
                file.read_exact_at(&mut buf, at.checked_add(place.at)?)
                    .ok()?;
                owned = buf;
                &owned
            }
        };
        (crc32fast::hash(bytes) == place.crc).then_some(())?;
        postcard::from_bytes(bytes).ok()
    }

    /// The issue numbered `n` with its pages, read for the caller and not
    /// kept here; `None` if its pages no longer read.
    pub fn read_issue(&self, n: usize) -> Option<Issue> {
        let mut issue = self.shells.issues.get(n)?.clone();
        issue.pages = self.read_pages(n)?;
        Some(issue)
    }

    /// The headline index of the skeleton's articles, as
    /// [`HeadlineIndex::build`] makes it of the skeleton whole, each issue
    /// read for it and dropped.
    pub fn headline_index(&self, pinyin: bool) -> Option<HeadlineIndex> {
        HeadlineIndex::build_each(self.len(), |n| self.read_issue(n), pinyin)
    }

    /// Every issue with its pages, none of them kept here; `None` if one
    /// no longer reads.
    pub fn whole(&self) -> Option<Archive> {
        let issues = (0..self.len())
            .into_par_iter()
            .map(|n| self.read_issue(n))
            .collect::<Option<Vec<Issue>>>()?;
        Some(Archive {
            root: self.shells.root.clone(),
            issues,
            errors: self.shells.errors.clone(),
        })
    }

    /// Whether `archive` has the issues, pages, articles and titles this
    /// skeleton keeps (see [`super::skeleton::issue_headlines`]); each
    /// issue's pages read to compare and dropped.
    pub fn same_as(&self, archive: &Archive) -> bool {
        archive.issues.len() == self.len()
            && archive.issues.par_iter().enumerate().all(|(n, whole)| {
                let mut kept = super::skeleton::issue_headlines(whole);
                let pages = std::mem::take(&mut kept.pages);
                kept == self.shells.issues[n] && self.read_pages(n).is_some_and(|p| p == pages)
            })
    }
}

/// Shells as [`IssueShell::issue`] makes them: for tests of this module.
#[cfg(test)]
fn shell_of(i: &Issue) -> Issue {
    Issue {
        pages: Vec::new(),
        ..super::skeleton::issue_headlines(i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::index::skeleton::{headlines_of, issue_headlines};
    use crate::loader::{LoadOptions, load_sample};

    #[test]
    fn an_issue_reads_as_the_skeleton_keeps_it_and_only_when_asked() {
        let archive = load_sample(&LoadOptions::default());
        let lazy = LazySkeleton::of(&archive);
        assert_eq!(lazy.len(), archive.issues.len());
        assert_eq!(lazy.article_count(), archive.article_count());
        assert!(lazy.shells().issues.iter().all(|i| i.pages.is_empty()));
        for (n, i) in archive.issues.iter().enumerate() {
            assert_eq!(lazy.shells().issues[n], shell_of(i));
        }
        assert!(!lazy.is_read(1));
        assert_eq!(lazy.issue(1), Some(&issue_headlines(&archive.issues[1])));
        assert!(lazy.is_read(1) && !lazy.is_read(0));
        assert_eq!(lazy.issue(archive.issues.len()), None);
        assert_eq!(lazy.whole(), Some(headlines_of(&archive)));
        assert!(lazy.same_as(&archive));
        // Its headline index, issue by issue, is the one of it whole.
        for pinyin in [false, true] {
            let each = lazy.headline_index(pinyin).expect("every issue reads");
            let whole = HeadlineIndex::build(&headlines_of(&archive), pinyin);
            assert_eq!(each.to_bytes(), whole.to_bytes());
        }
        assert!(!lazy.is_read(2), "none kept");
    }

    #[test]
    fn a_changed_title_or_a_damaged_issue_is_not_the_same() {
        let archive = load_sample(&LoadOptions::default());
        let lazy = LazySkeleton::of(&archive);
        let mut edited = archive.clone();
        let article = edited.issues[0].pages[0].articles.first_mut().unwrap();
        article.headline.as_mut().unwrap().text.push('！');
        assert!(!lazy.same_as(&edited));
        let mut fewer = archive.clone();
        fewer.issues.pop();
        assert!(!lazy.same_as(&fewer));

        // Bytes damaged after opening: the issue shows no pages rather
        // than wrong ones, and the whole cannot be had.
        let mut damaged = LazySkeleton::of(&archive);
        if let Some(PageBytes::Memory(bytes)) = Arc::get_mut(&mut damaged.pages) {
            let at = damaged.places[0].at as usize;
            bytes[at + 3] ^= 0x55;
        }
        assert_eq!(damaged.issue(0).map(|i| i.pages.len()), Some(0));
        assert_eq!(damaged.issue(1), Some(&issue_headlines(&archive.issues[1])));
        assert_eq!(damaged.whole(), None);
        assert!(!damaged.same_as(&archive));
    }

    #[test]
    fn issues_put_in_place_read_as_they_are_and_leave_the_skeleton_as_it_was() {
        let archive = load_sample(&LoadOptions::default());
        let lazy = LazySkeleton::of(&archive);
        // Issue 1 with its first page's first two articles made one (as a
        // merge makes them): one article fewer.
        let mut merged = archive.clone();
        let page = &mut merged.issues[1].pages[0];
        assert!(page.articles.len() >= 2);
        let second = page.articles.remove(1);
        page.articles[0].body.extend(second.body);
        let corrected = lazy
            .with_issues(&[(1, &merged.issues[1])])
            .expect("issue 1 is in range");
        assert_eq!(corrected.article_count(), archive.article_count() - 1);
        assert_eq!(
            corrected.issue(1),
            Some(&issue_headlines(&merged.issues[1]))
        );
        assert!(corrected.shells().issues.iter().all(|i| i.pages.is_empty()));
        assert_eq!(corrected.whole(), Some(headlines_of(&merged)));
        assert!(corrected.same_as(&merged) && !corrected.same_as(&archive));
        // The skeleton it was made of is unchanged.
        assert_eq!(lazy.article_count(), archive.article_count());
        assert!(lazy.same_as(&archive));
        assert_eq!(
            lazy.with_issues(&[(archive.issues.len(), &merged.issues[1])])
                .map(|_| ()),
            None
        );
    }
}
