//! Core's modules form layers without cycles: leaves (vocabulary, date,
//! marking, error, reason, codec) below the policy document, the domains above
//! it, then the engine, then the table of operations and the JSON Lines batch.
//!
//! The graph is read from the source itself: every `crate::module` a file names
//! outside comments and `#[cfg(test)]` code is an arrow from the file's
//! top-level module to that module. A cycle, or a leaf that reaches up, fails
//! here with the arrows that make it.

// Test code: helpers outside #[test] functions may unwrap and index.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

type Graph = BTreeMap<String, BTreeMap<String, BTreeSet<String>>>;

fn source_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("src")
}

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The top-level module a file belongs to (`site/status.rs` → `site`).
fn module_of(file: &Path) -> String {
    let relative = file.strip_prefix(source_dir()).unwrap();
    let first = relative.components().next().unwrap();
    let name = first.as_os_str().to_str().unwrap();
    name.strip_suffix(".rs").unwrap_or(name).to_owned()
}

/// The code of a file without comments and without its `#[cfg(test)]` part.
fn code_lines(text: &str) -> impl Iterator<Item = &str> {
    text.lines()
        .take_while(|line| line.trim() != "#[cfg(test)]")
        .map(str::trim)
        .filter(|line| !line.starts_with("//"))
}

/// Names the crate root re-exports (`crate::Engine`), by the module they come
/// from.
fn root_names() -> BTreeMap<String, String> {
    let lib = std::fs::read_to_string(source_dir().join("lib.rs")).unwrap();
    let mut names = BTreeMap::new();
    let mut current: Option<String> = None;
    for line in code_lines(&lib) {
        let mut rest = line;
        if let Some(after) = line.strip_prefix("pub use ") {
            let module = after.split("::").next().unwrap().to_owned();
            current = Some(module);
            rest = after.split_once("::").map_or("", |(_, r)| r);
        }
        if let Some(module) = &current {
            for name in rest.split(|c: char| !(c.is_alphanumeric() || c == '_')) {
                if name.starts_with(|c: char| c.is_ascii_uppercase()) {
                    names.insert(name.to_owned(), module.clone());
                }
            }
        }
        if line.ends_with(';') {
            current = None;
        }
    }
    names
}

/// Arrows between top-level modules, each with the files that draw it.
fn graph() -> Graph {
    let mut files = Vec::new();
    rust_files(&source_dir(), &mut files);
    let roots = root_names();
    let mut graph = Graph::new();
    for file in files {
        let from = module_of(&file);
        if from == "lib" {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        let shown = file
            .strip_prefix(source_dir())
            .unwrap()
            .display()
            .to_string();
        for line in code_lines(&text) {
            for (at, _) in line.match_indices("crate::") {
                let after = &line[at + "crate::".len()..];
                let name: String = after
                    .chars()
                    .take_while(|c| c.is_alphanumeric() || *c == '_')
                    .collect();
                let to = roots.get(&name).cloned().unwrap_or(name);
                if to.is_empty() || to == from {
                    continue;
                }
                graph
                    .entry(from.clone())
                    .or_default()
                    .entry(to)
                    .or_default()
                    .insert(shown.clone());
            }
        }
    }
    graph
}

/// A cycle through `start`, if there is one, as the modules along it.
fn cycle_from(graph: &Graph, start: &str) -> Option<Vec<String>> {
    fn walk(
        graph: &Graph,
        start: &str,
        at: &str,
        path: &mut Vec<String>,
        seen: &mut BTreeSet<String>,
    ) -> bool {
        for next in graph.get(at).into_iter().flat_map(BTreeMap::keys) {
            if next == start {
                path.push(next.clone());
                return true;
            }
            if seen.insert(next.clone()) {
                path.push(next.clone());
                if walk(graph, start, next, path, seen) {
                    return true;
                }
                path.pop();
            }
        }
        false
    }
    let mut path = vec![start.to_owned()];
    let mut seen = BTreeSet::new();
    walk(graph, start, start, &mut path, &mut seen).then_some(path)
}

fn describe(graph: &Graph, cycle: &[String]) -> String {
    cycle
        .windows(2)
        .map(|pair| {
            let files = &graph[&pair[0]][&pair[1]];
            format!("{} -> {} ({})", pair[0], pair[1], join(files))
        })
        .collect::<Vec<_>>()
        .join("\n  ")
}

fn join(files: &BTreeSet<String>) -> String {
    files.iter().cloned().collect::<Vec<_>>().join(", ")
}

#[test]
fn core_modules_form_no_cycle() {
    let graph = graph();
    assert!(
        graph.len() >= 10,
        "the graph was not read: {:?}",
        graph.keys()
    );
    for module in graph.keys() {
        if let Some(cycle) = cycle_from(&graph, module) {
            panic!(
                "core's modules form a cycle:\n  {}",
                describe(&graph, &cycle)
            );
        }
    }
}

#[test]
fn leaves_and_the_policy_document_reach_no_higher_layer() {
    let graph = graph();
    let allowed: [(&str, &[&str]); 7] = [
        ("vocabulary", &["marking"]),
        ("date", &[]),
        ("marking", &[]),
        ("error", &[]),
        ("reason", &["error", "vocabulary", "date"]),
        ("codec", &["error"]),
        (
            "policy",
            &["vocabulary", "date", "marking", "error", "reason", "codec"],
        ),
    ];
    for (module, may_use) in allowed {
        for (to, files) in graph.get(module).into_iter().flatten() {
            assert!(
                may_use.contains(&to.as_str()),
                "{module} must not import {to} ({})",
                join(files)
            );
        }
    }
}

#[test]
fn only_the_engine_and_the_operations_and_batches_above_it_name_the_engine() {
    let graph = graph();
    for (from, arrows) in &graph {
        if let Some(files) = arrows.get("engine") {
            assert!(
                ["operations", "batch", "policy_change"].contains(&from.as_str()),
                "{from} imports the engine ({}); domains take the policy and their compiled rules",
                join(files)
            );
        }
    }
}

#[test]
fn a_cycle_is_found_when_there_is_one() {
    // The check itself can fail: a graph with a cycle is reported.
    let mut graph = Graph::new();
    for (from, to) in [("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")] {
        graph
            .entry(from.into())
            .or_default()
            .entry(to.into())
            .or_default()
            .insert(format!("{from}.rs"));
    }
    let cycle = cycle_from(&graph, "a").unwrap();
    assert_eq!(cycle, ["a", "b", "c", "a"]);
    assert!(cycle_from(&graph, "d").is_none());
}
