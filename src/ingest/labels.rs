//! Labelled blocks: a label and its value on one line (「指標名：…」「現状値（令和4年度）：…」)
//! or on alternating lines, as evaluation sheets and PDF text write them.

use super::record::Body;
use super::roles::Vocabulary;
use super::Doc;

pub fn blocks(_doc: &Doc, _vocabulary: &Vocabulary, _out: &mut Vec<(usize, usize, Body)>) {}
