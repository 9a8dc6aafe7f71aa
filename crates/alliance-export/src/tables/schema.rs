//! The parts of a table: its fields ([`Field`]) with their types and constraints, its keys,
//! its cells ([`Cell`]), and the table itself ([`Table`]) with its rows made on demand.

use std::fmt;

use crate::columns::Column;

/// A Table Schema field type (only those the export uses; never `list`, which the published
/// Data Package v2 schema lacks).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FieldType {
    /// Text.
    String,
    /// A whole number.
    Integer,
    /// An ISO 8601 calendar date.
    Date,
}

/// What an empty cell of a column means.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Blank {
    /// Never empty: every row has a value (the field is required).
    Never,
    /// Empty only where a data file gives the text as an empty string: the data files require
    /// the value, and `alliance-lint` checks what it says, not that it is there.
    EmptyText,
    /// Empty when this holds (a clause: "the report prints no honorific").
    When(&'static str),
}

impl Blank {
    /// The sentence that says what an empty cell means, beginning with `word` ("Empty",
    /// "Blank"); `None` for [`Blank::Never`].
    pub fn sentence(self, word: &str) -> Option<String> {
        match self {
            Blank::Never => None,
            Blank::EmptyText => Some(format!(
                "{word} only if a data file gives it as empty text."
            )),
            Blank::When(when) => Some(format!("{word} when {when}.")),
        }
    }
}

/// One column of a table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Field {
    /// Column name.
    pub name: &'static str,
    /// Type.
    pub ty: FieldType,
    /// What the column holds.
    pub description: &'static str,
    /// Whether every row has a value.
    pub required: bool,
    /// What an empty cell means ([`Blank::Never`] exactly when the field is required).
    pub blank: Blank,
    /// Whether the values are ids (lowercase kebab-case).
    pub id: bool,
    /// Smallest value, for integers.
    pub minimum: Option<i64>,
}

/// A convenience field: the ids of a many-to-many relation joined with `"; "`, empty `when`
/// there are none.
macro_rules! joined_field {
    ($name:literal, $noun:literal, $link_table:literal, $when:literal) => {
        Field::text(
            $name,
            concat!(
                "Convenience: the ",
                $noun,
                " ids joined with \"; \" (authoritative: ",
                $link_table,
                ")."
            ),
            Blank::When($when),
        )
    };
}
pub(crate) use joined_field;

/// The pattern every id matches (Table Schema patterns are implicitly anchored).
pub const ID_PATTERN: &str = "[a-z0-9]+(-[a-z0-9]+)*";

impl Field {
    /// A required value of this type.
    const fn required(name: &'static str, ty: FieldType, description: &'static str) -> Field {
        Field {
            name,
            ty,
            description,
            required: true,
            blank: Blank::Never,
            id: false,
            minimum: None,
        }
    }

    /// An optional value of this type, empty `when` this holds.
    pub(crate) const fn optional(
        name: &'static str,
        ty: FieldType,
        description: &'static str,
        when: &'static str,
    ) -> Field {
        Field {
            required: false,
            blank: Blank::When(when),
            ..Field::required(name, ty, description)
        }
    }

    /// A required id or reference to an id.
    pub(crate) const fn id(name: &'static str, description: &'static str) -> Field {
        Field {
            id: true,
            ..Field::required(name, FieldType::String, description)
        }
    }

    /// An optional reference to an id, empty `when` this holds.
    pub(crate) const fn optional_id(
        name: &'static str,
        description: &'static str,
        when: &'static str,
    ) -> Field {
        Field {
            id: true,
            ..Field::optional(name, FieldType::String, description, when)
        }
    }

    /// Text: empty cells are missing values, and `blank` says what they mean.
    pub(crate) const fn text(name: &'static str, description: &'static str, blank: Blank) -> Field {
        Field {
            required: matches!(blank, Blank::Never),
            blank,
            ..Field::required(name, FieldType::String, description)
        }
    }

    /// A required whole number, at least 0.
    pub(crate) const fn count(name: &'static str, description: &'static str) -> Field {
        Field {
            minimum: Some(0),
            ..Field::required(name, FieldType::Integer, description)
        }
    }

    /// A required date.
    pub(crate) const fn date(name: &'static str, description: &'static str) -> Field {
        Field::required(name, FieldType::Date, description)
    }

    /// The description with what an empty cell means, as `datapackage.json` gives it.
    pub fn full_description(&self) -> String {
        match self.blank.sentence("Empty") {
            Some(blank) => format!("{} {blank}", self.description),
            None => self.description.to_owned(),
        }
    }
}

/// A foreign key: `fields` of this table refer to `reference` of `resource` (`None`: this
/// table).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ForeignKey {
    /// Columns of this table.
    pub fields: Vec<&'static str>,
    /// The table referred to; `None` for this table.
    pub resource: Option<&'static str>,
    /// Columns of the table referred to.
    pub reference: Vec<&'static str>,
}

/// One cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Cell<'a> {
    /// Text (also dates, which are ISO 8601 text).
    Text(&'a str),
    /// Text made for the export (joined ids).
    Owned(String),
    /// A whole number.
    Int(i128),
    /// No value.
    Null,
}

impl<'a> From<&'a str> for Cell<'a> {
    fn from(text: &'a str) -> Cell<'a> {
        Cell::Text(text)
    }
}

impl<'a> From<&'a String> for Cell<'a> {
    fn from(text: &'a String) -> Cell<'a> {
        Cell::Text(text)
    }
}

impl<'a> From<Option<&'a String>> for Cell<'a> {
    fn from(text: Option<&'a String>) -> Cell<'a> {
        text.map_or(Cell::Null, |t| Cell::Text(t))
    }
}

impl From<u32> for Cell<'_> {
    fn from(n: u32) -> Self {
        Cell::Int(n.into())
    }
}

impl From<u64> for Cell<'_> {
    fn from(n: u64) -> Self {
        Cell::Int(n.into())
    }
}

impl From<Option<i32>> for Cell<'_> {
    fn from(n: Option<i32>) -> Self {
        n.map_or(Cell::Null, |n| Cell::Int(n.into()))
    }
}

/// Ids joined with `"; "`, for a convenience column.
pub(crate) fn joined<'a>(ids: impl IntoIterator<Item = &'a String>) -> Cell<'a> {
    let ids: Vec<&str> = ids.into_iter().map(String::as_str).collect();
    Cell::Owned(ids.join("; "))
}

/// A row: one cell per field.
pub type Row<'a> = Vec<Cell<'a>>;

/// Makes a table's rows; each call starts again from the first row.
type RowSource<'a> = Box<dyn Fn() -> Box<dyn Iterator<Item = Row<'a>> + 'a> + Send + Sync + 'a>;

/// A table: its schema and (on demand) its rows.
pub struct Table<'a> {
    /// Name (also the CSV file's stem and the Data Package resource name).
    pub name: &'static str,
    /// Title.
    pub title: &'static str,
    /// What one row is.
    pub description: &'static str,
    /// Columns.
    pub fields: Vec<Field>,
    /// Primary key columns.
    pub primary_key: Vec<&'static str>,
    /// Foreign keys.
    pub foreign_keys: Vec<ForeignKey>,
    /// Makes the rows.
    rows: RowSource<'a>,
}

impl fmt::Debug for Table<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Table")
            .field("name", &self.name)
            .field("fields", &self.fields)
            .field("primary_key", &self.primary_key)
            .field("foreign_keys", &self.foreign_keys)
            .finish_non_exhaustive()
    }
}

impl<'a> Table<'a> {
    pub(super) fn new(
        name: &'static str,
        title: &'static str,
        description: &'static str,
    ) -> Table<'a> {
        Table {
            name,
            title,
            description,
            fields: Vec::new(),
            primary_key: Vec::new(),
            foreign_keys: Vec::new(),
            rows: Box::new(|| Box::new(std::iter::empty())),
        }
    }

    /// The rows, in order, each with one cell per field, made one at a time.
    pub fn rows(&self) -> impl Iterator<Item = Row<'a>> + '_ {
        (self.rows)()
    }

    pub(super) fn fields(mut self, fields: impl IntoIterator<Item = Field>) -> Self {
        self.fields = fields.into_iter().collect();
        self
    }

    pub(super) fn primary_key(mut self, fields: &[&'static str]) -> Self {
        self.primary_key = fields.to_vec();
        self
    }

    pub(super) fn foreign_key(
        mut self,
        fields: &[&'static str],
        resource: &'static str,
        reference: &[&'static str],
    ) -> Self {
        self.foreign_keys.push(ForeignKey {
            fields: fields.to_vec(),
            resource: (resource != self.name).then_some(resource),
            reference: reference.to_vec(),
        });
        self
    }

    /// The table with rows made by `make` (called once each time the rows are read).
    pub(crate) fn with_rows<I>(mut self, make: impl Fn() -> I + Send + Sync + 'a) -> Self
    where
        I: Iterator<Item = Row<'a>> + 'a,
    {
        self.rows = Box::new(move || Box::new(make()));
        self
    }

    /// The table with these columns ([`crate::columns`]): a row per record `records` makes
    /// (called once each time the rows are read), each record with what it is listed in.
    pub(super) fn columns<R: 'a, In: 'a, I>(
        mut self,
        columns: impl IntoIterator<Item = Column<R, In>>,
        records: impl Fn() -> I + Send + Sync + 'a,
    ) -> Self
    where
        I: Iterator<Item = (&'a R, &'a In)> + 'a,
    {
        let columns: Vec<Column<R, In>> = columns.into_iter().collect();
        self.fields = columns.iter().map(|c| c.field).collect();
        self.with_rows(move || {
            let columns = columns.clone();
            records().map(move |(record, within)| {
                columns
                    .iter()
                    .map(|c| (c.value)(record, within).csv())
                    .collect()
            })
        })
    }

    /// The file name of its CSV.
    pub fn file_name(&self) -> String {
        format!("{}.csv", self.name)
    }
}

/// The items of a list without repeats, in order (lists are short: a quadratic scan beats
/// hashing).
pub(crate) fn distinct<T: PartialEq>(items: &[T]) -> impl Iterator<Item = &T> {
    items
        .iter()
        .enumerate()
        .filter(|(i, item)| !items[..*i].contains(item))
        .map(|(_, item)| item)
}
