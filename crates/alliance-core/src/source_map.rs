//! The text of every file the loader read, so that byte spans can be turned into lines and
//! columns and rendered with the source line.

use std::ops::Range;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// Index of a file in a [`SourceMap`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct FileId(pub(crate) u32);

impl FileId {
    /// This id once its map is appended to one that held `base` files
    /// ([`SourceMap::append`]).
    pub fn shifted(self, base: u32) -> FileId {
        FileId(self.0.saturating_add(base))
    }
}

/// One file as the loader read it: its path (as given, relative to the working directory when
/// the dataset path was relative) and its text, without a byte-order mark and with CRLF line
/// endings turned into LF (neither changes a line or a column a person sees).
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Path of the file, as it should be shown to a person.
    pub path: PathBuf,
    /// The text (empty when the file could not be read as UTF-8).
    pub text: String,
    /// Where each line starts, found the first time a line is asked for: most files of a
    /// large dataset never are, and a table of them all would cost memory in proportion to
    /// the whole dataset's text.
    line_starts: OnceLock<Vec<usize>>,
}

impl SourceFile {
    fn new(path: PathBuf, text: String) -> Self {
        SourceFile {
            path,
            text,
            line_starts: OnceLock::new(),
        }
    }

    fn line_starts(&self) -> &[usize] {
        self.line_starts.get_or_init(|| {
            std::iter::once(0)
                .chain(self.text.match_indices('\n').map(|(i, _)| i + 1))
                .collect()
        })
    }

    /// 1-based line and column (in characters) of a byte offset; offsets past the end are
    /// clamped to the end of the text.
    pub fn line_col(&self, offset: usize) -> (usize, usize) {
        let offset = floor_char_boundary(&self.text, offset.min(self.text.len()));
        let starts = self.line_starts();
        let line = starts.partition_point(|&start| start <= offset) - 1;
        let column = self.text[starts[line]..offset].chars().count() + 1;
        (line + 1, column)
    }

    /// Byte range of a 1-based line, without its line ending.
    pub fn line_span(&self, line: usize) -> Option<Range<usize>> {
        let start = *self.line_starts().get(line.checked_sub(1)?)?;
        let end = self.text[start..]
            .find('\n')
            .map_or(self.text.len(), |i| start + i);
        Some(start..end)
    }

    /// Number of lines in the file.
    pub fn line_count(&self) -> usize {
        self.line_starts().len()
    }
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// All files read for one dataset.
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    /// Adds a file, normalizing a byte-order mark and CRLF line endings away.
    pub fn add(&mut self, path: PathBuf, text: String) -> FileId {
        let text = text
            .strip_prefix('\u{feff}')
            .map(str::to_owned)
            .unwrap_or(text);
        let text = if text.contains("\r\n") {
            text.replace("\r\n", "\n")
        } else {
            text
        };
        let id = FileId(u32::try_from(self.files.len()).unwrap_or(u32::MAX));
        self.files.push(SourceFile::new(path, text));
        id
    }

    /// Appends every file of `other`, in order; returns the offset that turns `other`'s ids
    /// into this map's ([`FileId::shifted`]).
    pub fn append(&mut self, other: SourceMap) -> u32 {
        let base = u32::try_from(self.files.len()).unwrap_or(u32::MAX);
        self.files.extend(other.files);
        base
    }

    /// The file behind an id.
    ///
    /// # Panics
    /// Never for an id handed out by this map.
    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    /// The id of the file at `path`, if it was read.
    pub fn find(&self, path: &Path) -> Option<FileId> {
        self.files
            .iter()
            .position(|f| f.path == path)
            .map(|i| FileId(i as u32))
    }

    /// Every file, in the order read.
    pub fn iter(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files
            .iter()
            .enumerate()
            .map(|(i, f)| (FileId(i as u32), f))
    }

    /// Number of files read.
    pub fn len(&self) -> usize {
        self.files.len()
    }

    /// True when no file was read.
    pub fn is_empty(&self) -> bool {
        self.files.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(text: &str, offset: usize, expect: (usize, usize)) {
        let mut map = SourceMap::default();
        let id = map.add("f.toml".into(), text.to_owned());
        assert_eq!(map.get(id).line_col(offset), expect, "{text:?} at {offset}");
    }

    #[test]
    fn line_col() {
        check("a = 1\nb = 2\n", 0, (1, 1));
        check("a = 1\nb = 2\n", 6, (2, 1));
        check("a = 1\nb = 2\n", 10, (2, 5));
        check("a = 1\nb = 2\n", 99, (3, 1));
        // columns count characters, not bytes
        check("n = \"Guðbrandsson\"", 12, (1, 12));
    }

    #[test]
    fn bom_and_crlf_are_normalized() {
        let mut map = SourceMap::default();
        let id = map.add("f.toml".into(), "\u{feff}a = 1\r\nb = 2\r\n".to_owned());
        assert_eq!(map.get(id).text, "a = 1\nb = 2\n");
        assert_eq!(map.get(id).line_span(2), Some(6..11));
    }
}
