//! Any bytes as an article: extraction never panics and every quote is the
//! article's own text between its offsets, in order.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let article = String::from_utf8_lossy(data);
    let quotes = stance::extract_quotes(&article);
    let mut last = 0;
    for q in &quotes {
        assert_eq!(article.get(q.start..q.end), Some(q.text.as_str()));
        assert!(q.start >= last);
        last = q.end;
    }
});
