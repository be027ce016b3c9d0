//! `file:` patterns.

/// Does `path` match a `file:` pattern? Case-insensitive substring, or a glob
/// when the pattern has `*` or `?`.
pub(crate) fn path_matches(path: &str, pattern: &str) -> bool {
    let p = path.to_lowercase();
    let pat = pattern.to_lowercase();
    if pat.contains(['*', '?']) {
        let name = p.rsplit('/').next().unwrap_or(&p);
        glob(&pat, &p) || glob(&pat, name)
    } else {
        p.contains(&pat)
    }
}

fn glob(pat: &str, s: &str) -> bool {
    let (p, s): (Vec<char>, Vec<char>) = (pat.chars().collect(), s.chars().collect());
    let (mut pi, mut si, mut star, mut mark) = (0, 0, None, 0);
    while si < s.len() {
        if pi < p.len() && (p[pi] == '?' || p[pi] == s[si]) {
            pi += 1;
            si += 1;
        } else if pi < p.len() && p[pi] == '*' {
            star = Some(pi);
            mark = si;
            pi += 1;
        } else if let Some(st) = star {
            pi = st + 1;
            mark += 1;
            si = mark;
        } else {
            return false;
        }
    }
    p[pi..].iter().all(|&c| c == '*')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_patterns() {
        assert!(path_matches("laws/A0000001.txt", "a0000001"));
        assert!(path_matches("laws/A0000001.txt", "*.txt"));
        assert!(path_matches("laws/A0000001.txt", "laws/*"));
        assert!(!path_matches("laws/A0000001.txt", "*.md"));
        assert!(path_matches("notes/acftu-2000.md", "ACFTU"));
    }
}
