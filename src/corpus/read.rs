//! Reading one file: opened only if it is a regular file, read within a
//! bound, decoded (UTF-8, UTF-16, Windows-1252) with a map back to its bytes.

use super::*;

/// Opens a regular file for reading and returns it with the metadata of the
/// open handle; anything else (a pipe, a device, a folder) is refused without
/// ever waiting on it.
pub fn open_regular(path: &Path) -> std::result::Result<(fs::File, fs::Metadata), String> {
    let file = open_nonblocking(path, false).map_err(|e| vanished_or(&e))?;
    let meta = file
        .metadata()
        .map_err(|e| format!("cannot be read: {}", io_reason(&e)))?;
    if meta.is_dir() {
        return Err("a folder where a file was expected: not read".into());
    }
    if !meta.is_file() {
        return Err(not_regular(&meta.file_type()));
    }
    Ok((file, meta))
}

pub(super) fn vanished_or(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "vanished before it could be read".into()
    } else {
        format!("cannot be read: {}", io_reason(e))
    }
}

/// Reads at most `limit` bytes; a file over the limit (even one that grew
/// after `len` was taken) is refused, the limit named as the one for `what`
/// ("one article").
pub fn read_bounded(
    file: fs::File,
    len: u64,
    limit: u64,
    what: &str,
) -> std::result::Result<Vec<u8>, String> {
    let too_big = |n: u64| format!("file is {n} bytes, over the {limit} byte limit for {what}");
    if len > limit {
        return Err(too_big(len));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(len).unwrap_or(0));
    file.take(limit + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot be read: {}", io_reason(&e)))?;
    if bytes.len() as u64 > limit {
        return Err(format!(
            "file grew past the {limit} byte limit for {what} while it was read"
        ));
    }
    Ok(bytes)
}

/// Decodes the bytes of one file and reads its metadata.
pub fn document_from_bytes(
    id: &str,
    path: &str,
    bytes: &[u8],
    manifest: Meta,
) -> std::result::Result<Document, String> {
    document_from_vec(id, path, bytes.to_vec(), manifest)
}

/// [`document_from_bytes`] without a copy of UTF-8 input.
pub(super) fn document_from_vec(
    id: &str,
    path: &str,
    bytes: Vec<u8>,
    manifest: Meta,
) -> std::result::Result<Document, String> {
    let file_len = bytes.len();
    let (text, encoding, origin) = decode(bytes)?;
    if text.trim().is_empty() {
        return Err(if file_len == 0 {
            "empty file".into()
        } else if text.is_empty() {
            "no text: only a byte-order mark".into()
        } else {
            "only whitespace".into()
        });
    }
    let mut doc = Document::decoded(id, path, text, encoding, origin, file_len);
    doc.apply_metadata(manifest)?;
    if doc.body().trim().is_empty() {
        return Err("front matter but no text".into());
    }
    Ok(doc)
}

pub(super) fn decode(
    mut bytes: Vec<u8>,
) -> std::result::Result<(String, &'static str, Origin), String> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(&bytes) {
        if enc == encoding_rs::UTF_8 {
            bytes.drain(..bom_len);
            let text = String::from_utf8(bytes).map_err(|e| {
                format!(
                    "not valid UTF-8 text although it starts with a UTF-8 byte-order mark (invalid byte at offset {})",
                    e.utf8_error().valid_up_to() + bom_len
                )
            })?;
            check_binary(&text)?;
            return Ok((text, "utf-8", Origin::Shifted(bom_len)));
        }
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(format!(
                "not valid {} text although it starts with its byte-order mark (an odd byte count or a lone surrogate)",
                enc.name()
            ));
        }
        let text = text.into_owned();
        check_binary(&text)?;
        let marks = marks(&text, bom_len, true);
        return Ok((text, enc.name(), Origin::Recoded { utf16: true, marks }));
    }
    // NUL bytes: UTF-16 without its byte-order mark (ASCII in UTF-16 is also
    // valid UTF-8, so this comes first), or a binary file.
    if bytes.contains(&0) {
        return Err(match utf16_without_bom(&bytes) {
            Some(enc) => format!(
                "looks like {enc} text without a byte-order mark: not read (save it as UTF-8, or as UTF-16 with a byte-order mark)"
            ),
            None => "binary file (contains NUL bytes)".into(),
        });
    }
    let bytes = match String::from_utf8(bytes) {
        Ok(text) => {
            check_binary(&text)?;
            return Ok((text, "utf-8", Origin::Shifted(0)));
        }
        Err(e) => e.into_bytes(),
    };
    // Bytes Windows-1252 leaves undefined, and C0 controls other than
    // tab/newline/carriage return/form feed, mean this is not 1252 text.
    if let Some(at) = bytes.iter().position(|&b| {
        matches!(b, 0x81 | 0x8D | 0x8F | 0x90 | 0x9D)
            || (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C))
    }) {
        return Err(format!(
            "neither UTF-8 nor Windows-1252 text (byte 0x{:02X} at offset {at})",
            bytes[at]
        ));
    }
    let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(&bytes);
    let text = text.into_owned();
    let marks = marks(&text, 0, false);
    Ok((
        text,
        "windows-1252",
        Origin::Recoded {
            utf16: false,
            marks,
        },
    ))
}

/// The marks of [`Origin::Recoded`]: the original offset of the character
/// holding every `STRIDE`-th byte of `text`.
pub(super) fn marks(text: &str, base: usize, utf16: bool) -> Vec<u64> {
    let mut marks = Vec::with_capacity(text.len() / STRIDE + 1);
    let mut at = base as u64;
    for (i, c) in text.char_indices() {
        let end = i + c.len_utf8();
        while marks.len() * STRIDE < end {
            marks.push(at);
        }
        at += encoded_width(c, utf16) as u64;
    }
    marks
}

/// "UTF-16LE" or "UTF-16BE" when NUL bytes fall on one side of the byte
/// pairs only, as they do in UTF-16 text in a Latin script.
pub(super) fn utf16_without_bom(bytes: &[u8]) -> Option<&'static str> {
    let head = &bytes[..bytes.len().min(4096) & !1];
    let pairs = head.len() / 2;
    if pairs < 8 {
        return None;
    }
    let zeros = |parity: usize| {
        head.iter()
            .skip(parity)
            .step_by(2)
            .filter(|&&b| b == 0)
            .count()
    };
    let (even, odd) = (zeros(0), zeros(1));
    if odd * 3 >= pairs && even * 20 <= pairs {
        Some("UTF-16LE")
    } else if even * 3 >= pairs && odd * 20 <= pairs {
        Some("UTF-16BE")
    } else {
        None
    }
}

pub(super) fn check_binary(text: &str) -> std::result::Result<(), String> {
    if text.contains('\0') {
        return Err("binary file (contains NUL bytes)".into());
    }
    let controls = text
        .chars()
        .take(8192)
        .filter(|&c| c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}'))
        .count();
    if controls > 8 {
        return Err("binary file (control characters)".into());
    }
    Ok(())
}

/// Why a file that is neither a folder nor a regular file is not read.
pub(super) fn not_regular(file_type: &fs::FileType) -> String {
    format!("{}: only regular files are read", file_kind(file_type))
}

/// What a path that is not a regular file is: "a named pipe (FIFO)", "a
/// socket", "a device", "a folder", "a symbolic link".
pub fn file_kind(file_type: &fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        if file_type.is_fifo() {
            return "a named pipe (FIFO)";
        } else if file_type.is_socket() {
            return "a socket";
        } else if file_type.is_block_device() || file_type.is_char_device() {
            return "a device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else if file_type.is_symlink() {
        "a symbolic link"
    } else {
        "not a regular file"
    }
}

/// Opens a path for reading or writing without waiting on it: O_NONBLOCK
/// (the generic Linux value) makes a named pipe swapped in after a type
/// check open at once instead of waiting for its other end, so that the
/// caller can refuse its handle by type. Regular files ignore the flag.
pub fn open_nonblocking(path: &Path, write: bool) -> std::io::Result<fs::File> {
    let mut options = fs::OpenOptions::new();
    options.read(!write).write(write);
    #[cfg(all(
        target_os = "linux",
        any(
            target_arch = "x86_64",
            target_arch = "x86",
            target_arch = "aarch64",
            target_arch = "arm",
            target_arch = "riscv64"
        )
    ))]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(0o4000);
    }
    options.open(path)
}

pub(super) fn broken_link(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "broken symbolic link: its target does not exist".into()
    } else {
        format!("broken symbolic link: {}", io_reason(e))
    }
}

pub(super) fn vanished(e: &std::io::Error) -> String {
    if e.kind() == std::io::ErrorKind::NotFound {
        "vanished while the folder was read".into()
    } else {
        format!("cannot be read: {}", io_reason(e))
    }
}

pub(super) fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file or folder".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => {
            // "Too many levels of symbolic links (os error 40)": the system's
            // words, without the error number, and a loop called a loop.
            let text = e.to_string();
            let text = match text.find(" (os error ") {
                Some(i) => text[..i].to_string(),
                None => text,
            };
            if text.contains("levels of symbolic links") {
                format!("{} (a loop of links)", text.to_lowercase())
            } else {
                let mut chars = text.chars();
                chars.next().map_or(String::new(), |c| {
                    c.to_lowercase().chain(chars).collect::<String>()
                })
            }
        }
    }
}
