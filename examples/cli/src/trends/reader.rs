//! Reading a JSON Lines register of incident records, each line on its own,
//! on every core.
//!
//! A file (or standard input) is read once, in blocks that end at line ends,
//! while other threads parse the blocks already read; the whole file is never
//! held in memory at once. A bad line is kept with its 0-based line index and
//! error, and the others are still used.

use std::io::{self, Read};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, mpsc};

use spf_core::SpfError;
use spf_core::register::{IncidentRecord, RejectedRecord};

use crate::input::Input;
use crate::progress::Progress;

/// Records read from a JSON Lines file of incident records.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct IncidentLines {
    /// The records that parsed, with their 0-based line index, in line order.
    /// Kept in the pieces the file was read in, so that no record is moved.
    pub chunks: Vec<Vec<(usize, IncidentRecord)>>,
    /// The lines that are not incident records, by line index; each error's
    /// path starts `/records/N` like the engine's own (see
    /// [`spf_core::Engine::trend_report_numbered`]).
    pub rejected: Vec<RejectedRecord>,
    /// Lines in the file, blank ones included.
    pub lines: usize,
}

impl IncidentLines {
    /// The records with their line indexes, in line order.
    pub fn records(&self) -> impl Iterator<Item = (usize, &IncidentRecord)> {
        self.chunks
            .iter()
            .flat_map(|chunk| chunk.iter().map(|(index, record)| (*index, record)))
    }
}

/// Below this many bytes a file is read on one thread: starting threads would
/// cost more than they save.
const PARALLEL_FROM_BYTES: usize = 256 * 1024;
/// How many pieces each reading thread gets, on average.
const PIECES_PER_THREAD: usize = 8;

/// Reads a JSON Lines text of incident records, each non-blank line on its own
/// with [`spf_core::json::parse`]; a bad line is kept in `rejected` with its
/// 0-based line index. Big texts are read in parallel by one thread per
/// available core, in pieces split at line ends.
///
pub fn read_incident_lines(text: &str) -> IncidentLines {
    let threads = if text.len() < PARALLEL_FROM_BYTES {
        1
    } else {
        std::thread::available_parallelism().map_or(1, std::num::NonZero::get)
    };
    let parsed: Vec<ParsedPiece> = if threads <= 1 {
        vec![parse_piece(text)]
    } else {
        // More pieces than threads, taken from a shared counter: a thread that
        // the machine slows down takes fewer pieces instead of holding up the
        // rest.
        let pieces = split_at_line_ends(text, threads * PIECES_PER_THREAD);
        let next = AtomicUsize::new(0);
        let work = || {
            let mut done = Vec::new();
            loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(piece) = pieces.get(index) else {
                    return done;
                };
                done.push((index, parse_piece(piece)));
            }
        };
        let mut done = std::thread::scope(|scope| {
            // A thread that cannot start leaves its share to the others.
            let helpers: Vec<_> = (1..threads)
                .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
                .collect();
            let mut done = work();
            for helper in helpers {
                done.extend(
                    helper
                        .join()
                        .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
                );
            }
            done
        });
        done.sort_unstable_by_key(|(index, _)| *index);
        done.into_iter().map(|(_, piece)| piece).collect()
    };

    number_pieces(parsed)
}

/// The size of the blocks [`read_incident_stream`] reads in.
const BLOCK_BYTES: usize = 4 << 20;

/// [`read_incident_lines`] from an input, read once: built-in text and small
/// files at once, anything else in blocks that end at line ends, while other
/// threads parse the blocks already read. The progress bar follows the
/// reading.
///
/// Errors: the input cannot be opened or read, or is not UTF-8 (the same
/// errors as [`std::fs::read_to_string`]).
pub fn read_incident_input(
    input: &Input,
    progress: &mut Progress,
) -> Result<IncidentLines, String> {
    if let Input::Embedded { text, .. } = input {
        return Ok(read_incident_lines(text));
    }
    let mut reader = input.open()?;
    let small = input
        .known_size()
        .is_some_and(|size| size < PARALLEL_FROM_BYTES as u64);
    if small {
        let mut text = String::new();
        reader
            .read_to_string(&mut text)
            .map_err(|e| input.unreadable(&e))?;
        return Ok(read_incident_lines(&text));
    }
    read_incident_stream(reader, progress).map_err(|e| input.unreadable(&e))
}

/// [`read_incident_lines`] from a stream read in blocks, parsed on every core.
///
/// Errors: the stream cannot be read, or is not UTF-8.
pub fn read_incident_stream(
    mut reader: impl Read,
    progress: &mut Progress,
) -> io::Result<IncidentLines> {
    let threads = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
    if threads <= 1 {
        let mut text = String::new();
        reader.read_to_string(&mut text)?;
        return Ok(read_incident_lines(&text));
    }

    // A bounded queue: reading never runs far ahead of parsing.
    let (send, receive) = mpsc::sync_channel::<(usize, Vec<u8>)>(threads * 2);
    let receive = Mutex::new(receive);
    let work = || {
        let mut done = Vec::new();
        loop {
            let next = receive.lock().ok().and_then(|queue| queue.recv().ok());
            let Some((sequence, block)) = next else {
                return done;
            };
            done.push((sequence, std::str::from_utf8(&block).map(parse_piece)));
        }
    };
    let (read, mut done) = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .filter_map(|_| std::thread::Builder::new().spawn_scoped(scope, work).ok())
            .collect();
        let read = if workers.is_empty() {
            Err(io::Error::other("cannot start a thread to read the file"))
        } else {
            read_blocks(&mut reader, |sequence, block| {
                let lines = block.iter().filter(|b| **b == b'\n').count();
                progress.advance(block.len() as u64, lines as u64);
                send.send((sequence, block)).is_ok()
            })
        };
        // Closing the queue lets the workers finish.
        drop(send);
        let mut done = Vec::new();
        for worker in workers {
            done.extend(
                worker
                    .join()
                    .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            );
        }
        (read, done)
    });
    read?;
    done.sort_unstable_by_key(|(sequence, _)| *sequence);
    let parsed = done
        .into_iter()
        .map(|(_, piece)| {
            piece.map_err(|_| {
                io::Error::new(
                    io::ErrorKind::InvalidData,
                    "stream did not contain valid UTF-8",
                )
            })
        })
        .collect::<io::Result<Vec<ParsedPiece>>>()?;
    Ok(number_pieces(parsed))
}

/// Reads `reader` in blocks of about [`BLOCK_BYTES`] that end just after a line
/// end (the last one at the end of the stream) and hands each to `send` with
/// its sequence number, until the stream ends or `send` returns false.
fn read_blocks(
    reader: &mut impl Read,
    mut send: impl FnMut(usize, Vec<u8>) -> bool,
) -> io::Result<()> {
    let mut carry: Vec<u8> = Vec::new();
    let mut sequence = 0;
    loop {
        let mut block = Vec::with_capacity(BLOCK_BYTES + carry.len());
        block.append(&mut carry);
        let read = reader
            .by_ref()
            .take(BLOCK_BYTES as u64)
            .read_to_end(&mut block)?;
        let at_end = read == 0;
        if !at_end {
            match block.iter().rposition(|b| *b == b'\n') {
                // The unfinished last line starts the next block.
                Some(last) => carry = block.split_off(last + 1),
                // One line longer than a block: read on.
                None => {
                    carry = block;
                    continue;
                }
            }
        }
        if block.is_empty() || !send(sequence, block) || at_end {
            return Ok(());
        }
        sequence += 1;
    }
}

/// Numbers the records and rejected lines of pieces read in order: each piece
/// numbered its lines from 0.
fn number_pieces(parsed: Vec<ParsedPiece>) -> IncidentLines {
    let mut read = IncidentLines::default();
    let records_at = "/records/";
    for mut piece in parsed {
        let offset = read.lines;
        if offset > 0 {
            for (index, _) in &mut piece.records {
                *index += offset;
            }
        }
        for (local, error) in piece.rejected {
            let index = local + offset;
            let path = format!("{records_at}{index}{}", error.path);
            read.rejected.push(RejectedRecord {
                index,
                error: SpfError::new(error.code, error.message, path),
            });
        }
        read.lines += piece.lines;
        read.chunks.push(piece.records);
    }
    read
}

/// One piece of a file, its lines numbered from 0.
struct ParsedPiece {
    records: Vec<(usize, IncidentRecord)>,
    rejected: Vec<(usize, SpfError)>,
    lines: usize,
}

fn parse_piece(text: &str) -> ParsedPiece {
    // A generated record is about 200 bytes: one allocation, rarely two.
    let mut records = Vec::with_capacity(text.len() / 200 + 1);
    let mut rejected = Vec::new();
    let mut lines = 0;
    for (index, line) in text.split_terminator('\n').enumerate() {
        lines = index + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        match spf_core::json::parse::<IncidentRecord>(line) {
            Ok(record) => records.push((index, record)),
            Err(error) => rejected.push((index, error.without_position())),
        }
    }
    ParsedPiece {
        records,
        rejected,
        lines,
    }
}

/// Splits a text into at most `pieces` parts of similar size, each ending just
/// after a line end (the last one at the end of the text).
fn split_at_line_ends(text: &str, pieces: usize) -> Vec<&str> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(pieces);
    let mut start = 0;
    for part in 1..pieces {
        let target = (text.len() / pieces * part).max(start);
        let end = bytes
            .get(target..)
            .and_then(|rest| rest.iter().position(|b| *b == b'\n'))
            .map_or(text.len(), |at| target + at + 1);
        // INVARIANT: `end` is just after a `\n` or the end, so on a char boundary.
        if let Some(piece) = text.get(start..end) {
            out.push(piece);
        }
        start = end;
    }
    if let Some(piece) = text.get(start..) {
        out.push(piece);
    }
    out
}

// The seeded generator that the benchmarks and the sample register use.
#[cfg(test)]
#[path = "../../../../tests/support/mod.rs"]
mod support;

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

    use super::support::incidents;
    use super::*;

    fn scratch(name: &str, contents: &str) -> PathBuf {
        let path = std::env::temp_dir().join(format!("spf-cli-{}-{name}", std::process::id()));
        std::fs::write(&path, contents).unwrap();
        path
    }

    #[test]
    fn each_line_is_read_on_its_own() {
        let text = concat!(
            r#"{"id":"A","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lossOfPass","level":"minor"}"#,
            "\n\n",
            r#"{"id":"B","occurred":"2026-04-02","recorded":"2026-04-03","businessArea":"HMCTS","kind":"lostPass","level":"minor"}"#,
            "\n",
        );
        let read = read_incident_lines(text);
        assert_eq!(
            read.records()
                .map(|(index, r)| (index, r.id.as_str()))
                .collect::<Vec<_>>(),
            [(0, "A")]
        );
        assert_eq!(read.rejected[0].index, 2);
        assert_eq!(read.rejected[0].error.path, "/records/2/kind");
        assert_eq!(read.lines, 3);
    }

    #[test]
    fn a_file_is_read_and_a_missing_one_is_an_error() {
        let path = scratch("one-record.jsonl", "{}\n");
        let mut progress = Progress::new(None, "records");
        let read = read_incident_input(&Input::Path(path), &mut progress).unwrap();
        assert_eq!(
            (read.lines, read.rejected[0].error.code.as_str()),
            (1, "missingField")
        );
        let missing = Input::Path("no-such-file.jsonl".into());
        assert!(read_incident_input(&missing, &mut progress).is_err());
    }

    #[test]
    fn a_big_register_is_read_in_blocks_with_the_same_result() {
        // More than one 4 MiB block, with blank lines, CRLF line ends and bad
        // lines in places that a block boundary may split.
        let records = incidents::generate(5, 40_000);
        let mut bytes = Vec::new();
        incidents::write_json_lines(&records, &mut bytes).unwrap();
        let mut text = String::new();
        for (index, line) in String::from_utf8(bytes).unwrap().lines().enumerate() {
            match index % 4_999 {
                7 => text.push_str("{\"id\": \n"),
                11 => text.push('\n'),
                13 => {
                    text.push_str(line);
                    text.push_str("\r\n");
                    continue;
                }
                _ => {}
            }
            text.push_str(line);
            text.push('\n');
        }
        text.push_str(r#"{"id":"LAST","kind":"lossOfPass"}"#); // no line end
        assert!(text.len() > 8 << 20, "{} bytes", text.len());
        let file = scratch("big-register.jsonl", &text);

        let mut progress = Progress::new(None, "records");
        let from_file = read_incident_input(&Input::Path(file), &mut progress).unwrap();
        let from_text = read_incident_lines(&text);
        assert_eq!(from_file.lines, text.lines().count());
        // The pieces differ (blocks of the file, parts of the text); the records,
        // their numbers and the rejected lines do not.
        assert!(from_file.records().eq(from_text.records()));
        assert!(from_file.rejected == from_text.rejected);
        assert_eq!(from_file.records().count(), records.len());
        let rejected: Vec<(usize, &str)> = from_file
            .rejected
            .iter()
            .map(|r| (r.index, r.error.code.as_str()))
            .collect();
        let malformed = text.lines().filter(|l| l.starts_with("{\"id\": ")).count();
        assert_eq!(rejected.len(), malformed + 1, "{rejected:?}");
        assert!(rejected.iter().all(|(index, code)| {
            let line = text.lines().nth(*index).unwrap();
            (line.starts_with("{\"id\": ") && *code == "malformedJson")
                || (line.contains("LAST") && *code == "missingField")
        }));
        for (index, record) in from_file.records() {
            let line = text.lines().nth(index).unwrap();
            assert!(line.starts_with(&format!("{{\"id\":\"{}\"", record.id)));
            if index > 5_000 {
                break;
            }
        }
    }
}
