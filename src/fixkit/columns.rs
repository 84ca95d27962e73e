//! Column alignment as gofmt writes it (its `text/tabwriter` settings: cells padded with
//! spaces to the widest cell of their column block plus one, empty columns discarded).
//! A line is a list of cells; every cell but the last is terminated and takes part in the
//! alignment. A column block is a run of consecutive lines that all have a terminated
//! cell in that column, so a line with fewer cells (a comment alone on its line, a field
//! without a tag) ends the blocks of the columns it lacks.
//!
//! Struct fields are such lines: `name`, `type`, then the tag and the line comment when
//! present (`a    int    // x` aligns its comment with the tag of the line below).

/// The lines `lines` (cells, indentation excluded) aligned; each result is prefixed with
/// `indent`.
pub fn align(lines: &[Vec<String>], indent: &str) -> Vec<String> {
    let mut widths: Vec<Vec<usize>> = lines
        .iter()
        .map(|l| vec![0; l.len().saturating_sub(1)])
        .collect();
    fill(lines, 0, 0, lines.len(), &mut widths);
    lines
        .iter()
        .zip(&widths)
        .map(|(cells, w)| {
            let mut out = indent.to_string();
            for (i, cell) in cells.iter().enumerate() {
                out.push_str(cell);
                if let Some(&width) = w.get(i) {
                    let pad = width.saturating_sub(cell.chars().count());
                    out.extend(std::iter::repeat_n(' ', pad));
                }
            }
            out
        })
        .collect()
}

/// The widths of column `col` over lines `lo..hi`, block by block, then of the next column
/// within each block (tabwriter's `format`).
fn fill(lines: &[Vec<String>], col: usize, lo: usize, hi: usize, widths: &mut [Vec<usize>]) {
    let terminated = |l: usize| col + 1 < lines[l].len();
    let mut this = lo;
    while this < hi {
        if !terminated(this) {
            this += 1;
            continue;
        }
        let start = this;
        let mut width = 0;
        let mut empty = true;
        while this < hi && terminated(this) {
            let w = lines[this][col].chars().count();
            width = width.max(w + 1);
            empty &= w == 0;
            this += 1;
        }
        if empty {
            width = 0;
        }
        for w in &mut widths[start..this] {
            w[col] = width;
        }
        fill(lines, col + 1, start, this, widths);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(rows: &[&[&str]]) -> Vec<Vec<String>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    #[test]
    fn struct_fields_align_as_gofmt_prints_them() {
        // gofmt's output for these fields (checked with Go 1.26).
        let rows = cells(&[
            &["a", "int", "// x"],
            &["bbbb", "string", "`json:\"b\"`", "// y"],
            &["cc", "bool"],
            &["d, e", "int8", "`k:\"v\"`"],
            &["// doc"],
            &["fff", "float64", "// z"],
            &["g", "int"],
            &["hhhhhhhhh", "struct{}", "// w"],
        ]);
        assert_eq!(
            align(&rows, "\t"),
            [
                "\ta    int    // x",
                "\tbbbb string `json:\"b\"` // y",
                "\tcc   bool",
                "\td, e int8 `k:\"v\"`",
                "\t// doc",
                "\tfff       float64 // z",
                "\tg         int",
                "\thhhhhhhhh struct{} // w",
            ]
        );
    }

    #[test]
    fn widths_count_characters_not_bytes() {
        let rows = cells(&[&["é", "int"], &["ab", "int"]]);
        assert_eq!(align(&rows, ""), ["é  int", "ab int"]);
    }
}
