//! Where a command's input comes from: a file, standard input (`-`), or text
//! built into the program (the demo's sample data).

use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};

/// A FILE argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    /// Standard input, given as `-`.
    Stdin,
    /// A file.
    Path(PathBuf),
    /// Text compiled into the program, with the name it is shown under.
    Embedded {
        /// The name shown in reports, e.g. `examples/data/sites.json`.
        name: &'static str,
        /// The text.
        text: &'static str,
    },
}

/// Standard input can be read once; a second FILE argument of `-` would find
/// it empty and silently give a different answer.
static STDIN_TAKEN: AtomicBool = AtomicBool::new(false);

impl Input {
    /// Reads a FILE argument: `-` is standard input. For clap's
    /// `value_parser`.
    pub fn parse(argument: &str) -> Result<Self, String> {
        match argument {
            "" => Err("a file name cannot be empty (use `-` for standard input)".to_owned()),
            "-" => Ok(Input::Stdin),
            path => Ok(Input::Path(PathBuf::from(path))),
        }
    }

    /// How reports and messages name the input.
    pub fn name(&self) -> String {
        match self {
            Input::Stdin => "standard input".to_owned(),
            Input::Path(path) => path.display().to_string(),
            Input::Embedded { name, .. } => (*name).to_owned(),
        }
    }

    /// The input's size in bytes, when it is known before reading.
    pub fn known_size(&self) -> Option<u64> {
        match self {
            Input::Stdin => None,
            Input::Path(path) => std::fs::metadata(path).ok().map(|m| m.len()),
            Input::Embedded { text, .. } => u64::try_from(text.len()).ok(),
        }
    }

    /// Opens the input for reading.
    ///
    /// Errors: the file cannot be opened, or standard input was already read
    /// for another argument.
    pub fn open(&self) -> Result<Box<dyn BufRead>, String> {
        let opened: Box<dyn BufRead> = match self {
            Input::Stdin => {
                if STDIN_TAKEN.swap(true, Ordering::SeqCst) {
                    return Err(
                        "standard input (`-`) can be given for only one argument".to_owned()
                    );
                }
                Box::new(BufReader::with_capacity(1 << 16, io::stdin()))
            }
            Input::Path(path) => {
                let file = File::open(path).map_err(|e| self.unreadable(&e))?;
                Box::new(BufReader::with_capacity(1 << 16, file))
            }
            Input::Embedded { text, .. } => Box::new(text.as_bytes()),
        };
        Ok(opened)
    }

    /// The whole input as text.
    ///
    /// Errors: it cannot be read, or is not UTF-8.
    pub fn read_to_string(&self) -> Result<String, String> {
        if let Input::Embedded { text, .. } = self {
            return Ok((*text).to_owned());
        }
        let mut text = String::new();
        self.open()?
            .read_to_string(&mut text)
            .map_err(|e| self.unreadable(&e))?;
        Ok(text)
    }

    /// The message for an input that cannot be read.
    pub fn unreadable(&self, error: &io::Error) -> String {
        format!("cannot read `{}`: {error}", self.name())
    }
}
