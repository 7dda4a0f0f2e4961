//! The bot token: read once, never printed. It has no `Debug` or `Display` of its own text, and
//! every log line and panic message of the bot passes through [`redact`] as a second guard.

use std::io::Write;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The bot token. Formatting it shows only that it is hidden.
#[derive(Clone)]
pub struct Token(Arc<str>);

impl Token {
    /// The token itself, only for handing to serenity.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Debug for Token {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Token(***)")
    }
}

/// Where the token comes from: `--token-file` when given, else `DISCORD_TOKEN`.
/// The error is a message for the user, which never contains the token.
pub fn read_token(file: Option<&Path>, env: Option<String>) -> Result<Token, String> {
    let raw = match file {
        Some(path) => std::fs::read_to_string(path)
            .map_err(|e| format!("トークンのファイル {} を読めません（{}）。", path.display(), e.kind()))?,
        None => env.unwrap_or_default(),
    };
    let token = raw.trim();
    let token = token.strip_prefix("Bot ").unwrap_or(token).trim();
    if token.is_empty() {
        return Err(
            "Discord のボットのトークンがありません。環境変数 DISCORD_TOKEN か --token-file で指定してください\
                    （作り方は README の「Discord」にあります）。"
                .into(),
        );
    }
    // A token goes into an HTTP header: anything else there would make the request fail far from
    // here, with the token in the error.
    if !token.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | '_')) {
        return Err("Discord のボットのトークンの形式が正しくありません（英数字と . - _ だけのはずです）。\
                    開発者ポータルからコピーし直してください。"
            .into());
    }
    Ok(Token(token.into()))
}

static SECRET: OnceLock<String> = OnceLock::new();

/// Registers the token to hide in every log line and panic message from now on.
pub fn hide(token: &Token) {
    let _ = SECRET.set(token.expose().to_string());
}

/// The text with the registered token (if any) replaced by `***`.
pub fn redact(text: &str) -> std::borrow::Cow<'_, str> {
    match SECRET.get() {
        Some(s) if s.len() >= 8 && text.contains(s.as_str()) => text.replace(s.as_str(), "***").into(),
        _ => text.into(),
    }
}

/// Standard error, with the token hidden: the writer of the bot's log lines.
pub struct RedactingStderr;

impl Write for RedactingStderr {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        let text = String::from_utf8_lossy(buf);
        std::io::stderr().write_all(redact(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        std::io::stderr().flush()
    }
}

/// Logs to standard error through [`RedactingStderr`]; `RUST_LOG` chooses what (default: the
/// bot's own information, serenity's and poise's warnings). Panics are printed redacted too.
pub fn init_logging() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("planbot=info,serenity=warn,poise=warn,warn"));
    let _ =
        tracing_subscriber::fmt().with_env_filter(filter).with_ansi(false).with_writer(|| RedactingStderr).try_init();
    std::panic::set_hook(Box::new(|info| {
        let message = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" ({}:{})", l.file(), l.line())).unwrap_or_default();
        // One line without internals (a panic inside tantivy carries paths and its own words);
        // the message and place at debug level, still redacted.
        tracing::error!("内部エラー（panic）が起きました");
        tracing::debug!("panic: {}{place}", redact(&message));
    }));
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_is_never_shown_by_debug() {
        let t = read_token(None, Some("  Bot abc.DEF-123_x \n".into())).unwrap();
        assert_eq!(t.expose(), "abc.DEF-123_x");
        assert_eq!(format!("{t:?}"), "Token(***)");
    }

    #[test]
    fn missing_empty_or_malformed_tokens_are_refused_without_echoing_them() {
        assert!(read_token(None, None).unwrap_err().contains("DISCORD_TOKEN"));
        assert!(read_token(None, Some(" \n".into())).unwrap_err().contains("トークンがありません"));
        let err = read_token(None, Some("secret\u{7f}value".into())).unwrap_err();
        assert!(!err.contains("secret"));
        let dir = tempfile::tempdir().unwrap();
        let err = read_token(Some(&dir.path().join("none")), Some("ok".into())).unwrap_err();
        assert!(err.contains("読めません"));
        std::fs::write(dir.path().join("t"), "from.file\n").unwrap();
        assert_eq!(read_token(Some(&dir.path().join("t")), Some("env".into())).unwrap().expose(), "from.file");
    }
}
