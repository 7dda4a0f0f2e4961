//! PDF table dumps: a whole table flattened into one or a few long lines of space-separated
//! tokens ("指標名 単位 基準値 目標値 name unit 1,284 770 name …").

use super::record::Body;
use super::roles::Vocabulary;
use super::Doc;

pub fn tables(_doc: &Doc, _vocabulary: &Vocabulary, _out: &mut Vec<(usize, usize, Body)>) {}
