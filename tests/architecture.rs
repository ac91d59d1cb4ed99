//! The layers of `src/` (docs/ARCHITECTURE.md) as checks on its `use`
//! graph: no circle between source files, no module outside the HTTP layer
//! reaching into a handler's module, and the inner layers free of the outer
//! ones. Read from the source text, so a new import that breaks a rule fails
//! here with the file and the path it named.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// A source file by its module path (`read::proposal`; `""` for lib.rs).
struct Module {
    file: PathBuf,
    /// Every `crate::`/`super::`/`self::` path it names, made absolute
    /// (without `crate::`), outside its `#[cfg(test)]` part.
    paths: Vec<String>,
}

fn modules() -> BTreeMap<String, Module> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    collect(&root, &mut files);
    let mut modules = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&root).unwrap_or(&file);
        let text = relative.to_string_lossy().replace('\\', "/");
        if text == "main.rs" || text.starts_with("bin/") {
            continue;
        }
        let mut segments: Vec<String> = text
            .trim_end_matches(".rs")
            .split('/')
            .map(str::to_owned)
            .collect();
        let is_dir_module = matches!(segments.last().map(String::as_str), Some("mod" | "lib"));
        if is_dir_module {
            segments.pop();
        }
        // `super::` in `a/b.rs` is `a`; in `a/mod.rs` it is `a`'s parent.
        let parent: Vec<String> = if is_dir_module {
            segments.clone()
        } else {
            segments[..segments.len().saturating_sub(1)].to_vec()
        };
        let source = std::fs::read_to_string(&file).unwrap_or_default();
        let paths = named_paths(&without_tests(&source), &parent);
        modules.insert(segments.join("::"), Module { file, paths });
    }
    modules
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
}

/// The source before its unit tests (by convention the file's last item),
/// without line comments.
fn without_tests(source: &str) -> String {
    let code = source.split("#[cfg(test)]").next().unwrap_or_default();
    code.lines()
        .map(|line| line.split("//").next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Every path the code names from `crate`, `super` or `self`, absolute:
/// `use` trees expanded (`crate::db::{self, audit}` names `db` and `db::audit`),
/// and paths written inline.
fn named_paths(code: &str, parent: &[String]) -> Vec<String> {
    let mut found = Vec::new();
    let mut rest = code;
    while let Some(at) = rest.find("use ") {
        let before_ok = at == 0 || !is_ident(rest.as_bytes()[at - 1] as char);
        rest = &rest[at + 4..];
        if !before_ok {
            continue;
        }
        let Some(end) = rest.find(';') else { break };
        let tree: String = rest[..end].chars().filter(|c| !c.is_whitespace()).collect();
        for path in expand(&tree) {
            found.extend(absolute(&path, parent));
        }
    }
    for start in ["crate::", "super::", "self::"] {
        let mut rest = code;
        while let Some(at) = rest.find(start) {
            let before_ok = at == 0 || !is_ident(rest.as_bytes()[at - 1] as char);
            let tail = &rest[at..];
            let len = tail
                .find(|c: char| !(is_ident(c) || c == ':'))
                .unwrap_or(tail.len());
            if before_ok {
                found.extend(absolute(tail[..len].trim_end_matches(':'), parent));
            }
            rest = &rest[at + start.len()..];
        }
    }
    found
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// `a::{b, c::{d, e}}` as `a::b`, `a::c::d`, `a::c::e`.
fn expand(tree: &str) -> Vec<String> {
    let Some(open) = tree.find('{') else {
        return vec![tree.split(" as ").next().unwrap_or(tree).to_owned()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.rfind('}').unwrap_or(tree.len())];
    let (mut items, mut depth, mut current) = (Vec::new(), 0, String::new());
    for c in inner.chars() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            _ => {}
        }
        if c == ',' && depth == 0 {
            items.push(std::mem::take(&mut current));
        } else {
            current.push(c);
        }
    }
    items.push(current);
    items
        .into_iter()
        .filter(|item| !item.is_empty())
        .flat_map(|item| expand(&item))
        .map(|item| format!("{prefix}{item}"))
        .collect()
}

fn absolute(path: &str, parent: &[String]) -> Option<String> {
    let mut segments = path.split("::").filter(|s| !s.is_empty());
    let mut base: Vec<String> = match segments.next()? {
        "crate" => Vec::new(),
        "super" => parent[..parent.len().saturating_sub(1)].to_vec(),
        "self" => parent.to_vec(),
        _ => return None,
    };
    base.extend(segments.filter(|s| *s != "self").map(str::to_owned));
    Some(base.join("::"))
}

/// The module file a path lands in: its longest prefix that is a module.
fn module_of<'a>(path: &str, modules: &'a BTreeMap<String, Module>) -> Option<&'a str> {
    let segments: Vec<&str> = path.split("::").collect();
    (1..=segments.len())
        .rev()
        .map(|n| segments[..n].join("::"))
        .find_map(|prefix| modules.get_key_value(&prefix).map(|(k, _)| k.as_str()))
}

fn dependencies(modules: &BTreeMap<String, Module>) -> BTreeMap<&str, BTreeSet<&str>> {
    modules
        .iter()
        .map(|(name, module)| {
            let targets = module
                .paths
                .iter()
                .filter_map(|path| module_of(path, modules))
                .filter(|target| target != name)
                .collect();
            (name.as_str(), targets)
        })
        .collect()
}

/// The strongly connected components with more than one file (Tarjan).
fn circles<'a>(graph: &BTreeMap<&'a str, BTreeSet<&'a str>>) -> Vec<Vec<&'a str>> {
    struct Walk<'a, 'g> {
        graph: &'g BTreeMap<&'a str, BTreeSet<&'a str>>,
        index: BTreeMap<&'a str, usize>,
        low: BTreeMap<&'a str, usize>,
        stack: Vec<&'a str>,
        found: Vec<Vec<&'a str>>,
    }
    impl<'a> Walk<'a, '_> {
        fn visit(&mut self, node: &'a str) {
            let n = self.index.len();
            self.index.insert(node, n);
            self.low.insert(node, n);
            self.stack.push(node);
            for &next in self.graph.get(node).into_iter().flatten() {
                if !self.index.contains_key(next) {
                    self.visit(next);
                    let low = self.low[node].min(self.low[next]);
                    self.low.insert(node, low);
                } else if self.stack.contains(&next) {
                    let low = self.low[node].min(self.index[next]);
                    self.low.insert(node, low);
                }
            }
            if self.low[node] == self.index[node] {
                let mut component = Vec::new();
                while let Some(top) = self.stack.pop() {
                    component.push(top);
                    if top == node {
                        break;
                    }
                }
                if component.len() > 1 {
                    component.sort_unstable();
                    self.found.push(component);
                }
            }
        }
    }
    let mut walk = Walk {
        graph,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        found: Vec::new(),
    };
    for &node in graph.keys() {
        if !walk.index.contains_key(node) {
            walk.visit(node);
        }
    }
    walk.found
}

fn layer(module: &str) -> &str {
    module.split("::").next().unwrap_or_default()
}

/// Each (file, path) that breaks `allowed`.
fn breaches(allowed: impl Fn(&str, &str) -> bool) -> Vec<String> {
    let modules = modules();
    let mut found = Vec::new();
    for (name, module) in &modules {
        for path in &module.paths {
            if !allowed(name, path) {
                found.push(format!("{}: {path}", module.file.display()));
            }
        }
    }
    found.sort();
    found.dedup();
    found
}

#[test]
fn the_source_has_no_circles() {
    let modules = modules();
    assert!(
        modules.contains_key("read::proposal") && modules["api::proposals"].paths.len() > 5,
        "the walk found the source files and their imports"
    );
    let circles = circles(&dependencies(&modules));
    assert!(
        circles.is_empty(),
        "files that import each other, directly or around a circle: {circles:#?}"
    );
}

/// Handlers' modules are the HTTP layer's own: use cases, read models,
/// mail, the seed and the CLI share what they need through `app` and `read`.
/// Outside `api` only the router is named (to serve it, or for the seed to
/// act through it), and the spec lists the handlers.
#[test]
fn nothing_outside_the_http_layer_uses_a_handlers_module() {
    const ROUTER: [&str; 6] = [
        "api",
        "api::configure_v1",
        "api::configure_test_hooks",
        "api::configure_operations",
        "api::support::query_config",
        "api::support::path_config",
    ];
    let found = breaches(|module, path| {
        layer(module) == "api"
            || module == "openapi"
            || layer(path) != "api"
            || ROUTER.contains(&path)
    });
    assert!(
        found.is_empty(),
        "handlers' modules named outside api: {found:#?}"
    );
}

/// The inner layers know nothing of the outer ones: `domain` is pure,
/// `db` holds queries, `read` and `app` know no HTTP and no handler.
#[test]
fn inner_layers_do_not_reach_outwards() {
    let forbidden = |module: &str| -> &[&str] {
        match layer(module) {
            "domain" => &["api", "app", "read", "db", "state", "auth", "mail", "seed"],
            "db" => &["api", "app", "read", "state", "mail", "seed"],
            "read" => &["api", "app", "mail", "seed"],
            "app" => &["api", "seed"],
            "mail" | "state" => &["api", "seed"],
            _ => &[],
        }
    };
    let found = breaches(|module, path| !forbidden(module).contains(&layer(path)));
    assert!(
        found.is_empty(),
        "inner layers naming outer ones: {found:#?}"
    );
    let modules = modules();
    for (name, module) in &modules {
        if matches!(layer(name), "domain" | "db" | "read" | "app") {
            let source = std::fs::read_to_string(&module.file).unwrap_or_default();
            assert!(
                !without_tests(&source).contains("actix_web"),
                "{} knows HTTP (actix_web); answer from a handler in api instead",
                module.file.display()
            );
        }
    }
}
