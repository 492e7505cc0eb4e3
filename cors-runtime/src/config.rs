//! Origins read at start-up: from an environment variable or from a configuration value.
//!
//! A policy written with `origin = env("APP_ORIGINS")` or `origin = config` has every other key
//! checked by the compiler, and an empty slot for its origins. One call at start-up fills it:
//! [`Policy::load_origins`] reads the variable, [`Policy::set_origins`] takes the values from
//! your configuration. Either checks the origins with the rule book of `cors_rules`
//! ([`cors_rules::problems`]) together with the rest of the policy (so an `http://` origin in a
//! `credentials` policy is refused with the compiler's message), and returns a
//! [`ConfigError`] listing every problem. The checked strings are leaked once
//! ([`Box::leak`]): a policy lives as long as the program, and after start-up a request reads
//! the slot (one atomic load) and compares bytes, as for origins written in the attribute.

use std::fmt;
use std::sync::OnceLock;

use cors_rules as rules;

use crate::policy::{AllowedOrigin, Policy};

/// The storage behind one policy's configured origins. Generated code declares one `static`
/// per policy and reaches it through a function, so that `const` policies can point at it.
#[doc(hidden)]
#[derive(Debug)]
pub struct OriginSlot(OnceLock<&'static [AllowedOrigin]>);

impl OriginSlot {
    /// An empty slot.
    #[allow(clippy::new_without_default)]
    pub const fn new() -> OriginSlot {
        OriginSlot(OnceLock::new())
    }
}

/// Where a policy's configured origins come from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OriginSource {
    /// `origin = env("VAR")` or `origin = env("VAR", default = [..])`: a comma-separated list
    /// in the environment variable, or the default (checked by the compiler) when it is not
    /// set.
    Env {
        /// The variable's name.
        var: &'static str,
        /// The origins used when the variable is not set.
        default: Option<&'static [AllowedOrigin]>,
    },
    /// `origin = config`: the application passes the origins to [`Policy::set_origins`].
    Config,
}

/// The origins of a policy that takes them from configuration: where from, and the slot that
/// holds them once loaded.
#[derive(Clone, Copy)]
pub struct ConfiguredOrigins {
    slot: fn() -> &'static OriginSlot,
    name: &'static str,
    source: OriginSource,
}

impl ConfiguredOrigins {
    /// Used by generated code: the origins of the policy `name`, from `source`, kept in the
    /// slot `slot` returns.
    #[doc(hidden)]
    pub const fn new(
        slot: fn() -> &'static OriginSlot,
        name: &'static str,
        source: OriginSource,
    ) -> ConfiguredOrigins {
        ConfiguredOrigins { slot, name, source }
    }

    /// Where the origins come from.
    pub const fn source(&self) -> OriginSource {
        self.source
    }

    /// The name of the policy (its handler, or its `cors_policy!` name), for messages.
    pub const fn policy_name(&self) -> &'static str {
        self.name
    }

    /// The origins, once loaded.
    #[inline]
    pub fn get(&self) -> Option<&'static [AllowedOrigin]> {
        (self.slot)().0.get().copied()
    }

    /// Whether the origins have been loaded.
    pub fn is_loaded(&self) -> bool {
        self.get().is_some()
    }

    fn describe_source(&self) -> String {
        match self.source {
            OriginSource::Env { var, .. } => format!("the environment variable `{var}`"),
            OriginSource::Config => "the configuration".to_string(),
        }
    }
}

/// Two configured origins are the same when they share their slot.
impl PartialEq for ConfiguredOrigins {
    fn eq(&self, other: &Self) -> bool {
        core::ptr::eq((self.slot)(), (other.slot)())
    }
}

impl Eq for ConfiguredOrigins {}

/// Reads like the attribute: `env("APP_ORIGINS")`, `config`, followed by the loaded origins.
impl fmt::Debug for ConfiguredOrigins {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.source {
            OriginSource::Env { var, default: None } => write!(f, "env({var:?})")?,
            OriginSource::Env {
                var,
                default: Some(list),
            } => write!(f, "env({var:?}, default = {list:?})")?,
            OriginSource::Config => f.write_str("config")?,
        }
        match self.get() {
            Some(list) => write!(f, " = {list:?}"),
            None => f.write_str(" (not loaded)"),
        }
    }
}

/// Why the origins of a policy could not be loaded. [`Display`](fmt::Display) lists every
/// problem, each with the offending value and how to fix it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    policy: &'static str,
    source: String,
    kind: ConfigErrorKind,
}

/// What went wrong while loading configured origins.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub enum ConfigErrorKind {
    /// The environment variable is not set and the policy names no default.
    MissingVariable,
    /// The environment variable is not valid Unicode.
    NotUnicode,
    /// The origins break the rules: every problem, in list order.
    Problems(Vec<OriginProblem>),
    /// The policy's origins are written in the attribute (a list or `*`), or decided by a
    /// predicate: there is nothing to configure.
    NotConfigurable,
    /// `origin = config`: the origins come from [`Policy::set_origins`], not from the
    /// environment.
    NotFromEnvironment,
    /// The slot already holds other origins (it is filled once, at start-up).
    AlreadyLoaded,
}

/// One problem of configured origins: the rule book's verdict and the value it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OriginProblem {
    /// The rule book's problem; its position's index is the origin's place in the list.
    pub problem: rules::Problem,
    /// The offending origin as given; `None` for a problem of the list as a whole.
    pub value: Option<String>,
}

impl ConfigError {
    /// What went wrong.
    pub fn kind(&self) -> &ConfigErrorKind {
        &self.kind
    }

    /// The problems of the origins, empty when the error is not about their values.
    pub fn problems(&self) -> &[OriginProblem] {
        match &self.kind {
            ConfigErrorKind::Problems(all) => all,
            _ => &[],
        }
    }

    /// The policy whose origins failed to load.
    pub fn policy(&self) -> &'static str {
        self.policy
    }
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let ConfigError {
            policy,
            source,
            kind,
        } = self;
        match kind {
            ConfigErrorKind::MissingVariable => write!(
                f,
                "the CORS origins of `{policy}` come from {source}, which is not set: set it to a \
                 comma-separated list of origins, e.g. `https://app.example.com,https://admin.example.com`, \
                 or name a default in the attribute, `env(\"…\", default = [\"http://localhost:5173\"])`"
            ),
            ConfigErrorKind::NotUnicode => write!(
                f,
                "the CORS origins of `{policy}` come from {source}, which is not valid Unicode: \
                 write the origins in ASCII, internationalized hosts in their `xn--` form"
            ),
            ConfigErrorKind::NotConfigurable => write!(
                f,
                "the CORS origins of `{policy}` are written in its attribute, not read from \
                 configuration: write `origin = env(\"…\")` or `origin = config` to configure them"
            ),
            ConfigErrorKind::NotFromEnvironment => write!(
                f,
                "the CORS origins of `{policy}` come from the configuration (`origin = config`): \
                 pass them to `set_origins`, or write `origin = env(\"…\")` to read a variable"
            ),
            ConfigErrorKind::AlreadyLoaded => write!(
                f,
                "the CORS origins of `{policy}` are already loaded with other values: load them \
                 once, at start-up"
            ),
            ConfigErrorKind::Problems(all) => {
                let n = all.len();
                let s = if n == 1 { "" } else { "s" };
                write!(
                    f,
                    "the CORS origins of `{policy}` from {source} have {n} problem{s}:"
                )?;
                for p in all {
                    match (&p.value, p.problem.at.index) {
                        (Some(value), Some(i)) => {
                            write!(f, "\n  - origin {} {value:?}: ", i + 1)?
                        }
                        _ => f.write_str("\n  - ")?,
                    }
                    f.write_str(p.problem.message())?;
                }
                Ok(())
            }
        }
    }
}

impl std::error::Error for ConfigError {}

impl Policy {
    /// The configured origins of this policy, if it takes its origins from configuration.
    pub fn configured_origins(&self) -> Option<ConfiguredOrigins> {
        match self.origins {
            crate::Origins::Configured(c) => Some(c),
            _ => None,
        }
    }

    /// Loads the origins of an `origin = env("VAR")` policy: reads `VAR` once, a
    /// comma-separated list (spaces around entries are ignored), or takes the default the
    /// attribute names when `VAR` is not set. The origins are checked with the rule book
    /// together with the rest of the policy; on success they are stored for good and
    /// returned. Call it at start-up, before serving; requests that arrive before are
    /// refused (and say why in a `tracing` event).
    ///
    /// Loading again with the same origins is a no-op; with others it is an error.
    ///
    /// ```
    /// use cors_runtime::cors;
    ///
    /// #[cors(origin = env("DOC_APP_ORIGINS", default = ["http://localhost:5173"]), credentials)]
    /// async fn profile() -> &'static str { "{}" }
    ///
    /// // DOC_APP_ORIGINS is not set here: the default applies.
    /// profile::POLICY.load_origins()?;
    /// assert!(profile::POLICY.allows_origin(b"http://localhost:5173"));
    /// # Ok::<(), cors_runtime::ConfigError>(())
    /// ```
    pub fn load_origins(&self) -> Result<&'static [AllowedOrigin], ConfigError> {
        let configured = self.configured_for_loading()?;
        let OriginSource::Env { var, default } = configured.source else {
            return Err(configured.error(ConfigErrorKind::NotFromEnvironment));
        };
        match std::env::var(var) {
            Ok(value) => self.set_origins(split_list(&value)),
            Err(std::env::VarError::NotPresent) => match default {
                // The default was checked by the compiler; the Public Suffix List check runs
                // here with the rest.
                Some(list) => self.set_origins(list.iter().map(|o| o.as_str())),
                None => Err(configured.error(ConfigErrorKind::MissingVariable)),
            },
            Err(std::env::VarError::NotUnicode(_)) => {
                Err(configured.error(ConfigErrorKind::NotUnicode))
            }
        }
    }

    /// Sets the origins of a configured policy (`origin = config`, or `origin = env(..)` to
    /// bypass the variable) from values the application read, typically a configuration file.
    /// Checked like [`Policy::load_origins`]; every problem is reported.
    ///
    /// ```
    /// use cors_runtime::cors;
    ///
    /// #[cors(origin = config, methods = [GET], credentials)]
    /// async fn items() -> &'static str { "[]" }
    ///
    /// let err = items::POLICY
    ///     .set_origins(["https://app.example.com/", "http://app.example.com"])
    ///     .unwrap_err();
    /// assert_eq!(err.problems().len(), 2);
    /// assert!(err.to_string().contains("origin 2 \"http://app.example.com\": with `credentials`, a plain `http://` origin cannot be trusted"));
    ///
    /// items::POLICY.set_origins(["https://app.example.com"])?;
    /// assert!(items::POLICY.allows_origin(b"https://app.example.com"));
    /// # Ok::<(), cors_runtime::ConfigError>(())
    /// ```
    pub fn set_origins<I>(&self, origins: I) -> Result<&'static [AllowedOrigin], ConfigError>
    where
        I: IntoIterator,
        I::Item: AsRef<str>,
    {
        let texts: Vec<String> = origins
            .into_iter()
            .map(|o| o.as_ref().to_string())
            .collect();
        self.set_origin_texts(texts)
    }

    fn set_origin_texts(
        &self,
        texts: Vec<String>,
    ) -> Result<&'static [AllowedOrigin], ConfigError> {
        let configured = self.configured_for_loading()?;
        let found = self.origin_problems(&texts);
        if !found.is_empty() {
            return Err(configured.error(ConfigErrorKind::Problems(found)));
        }
        let slot = &(configured.slot)().0;
        let same = |loaded: &'static [AllowedOrigin]| {
            if loaded.iter().map(|o| o.as_str()).eq(texts.iter()) {
                Ok(loaded)
            } else {
                Err(configured.error(ConfigErrorKind::AlreadyLoaded))
            }
        };
        if let Some(loaded) = slot.get() {
            return same(loaded);
        }
        // Checked above: each text is a valid origin. Leaked once, for the program's life.
        let list: Vec<AllowedOrigin> = texts
            .iter()
            .map(|text| {
                let text: &'static str = Box::leak(text.clone().into_boxed_str());
                AllowedOrigin::try_parse(text).expect("checked by the rule book")
            })
            .collect();
        let list: &'static [AllowedOrigin] = Box::leak(list.into_boxed_slice());
        match slot.set(list) {
            Ok(()) => Ok(list),
            // Another thread loaded the slot in between.
            Err(_) => same(slot.get().expect("the slot is set")),
        }
    }

    fn configured_for_loading(&self) -> Result<ConfiguredOrigins, ConfigError> {
        self.configured_origins().ok_or(ConfigError {
            policy: "this policy",
            source: String::new(),
            kind: ConfigErrorKind::NotConfigurable,
        })
    }

    /// Every problem of these origins in this policy, by the rule book.
    fn origin_problems(&self, texts: &[String]) -> Vec<OriginProblem> {
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let desc = rules::PolicyDesc {
            origin: rules::OriginsDesc::List(&refs),
            ..self.describe()
        };
        let mut found: Vec<OriginProblem> = rules::problems(&desc)
            .map(|problem| OriginProblem {
                problem,
                value: problem.at.index.map(|i| texts[i].clone()),
            })
            .collect();
        // In list order (the Public Suffix List check runs after the others).
        found.sort_by_key(|p| (p.problem.at.key, p.problem.at.index));
        found
    }
}

impl ConfiguredOrigins {
    fn error(&self, kind: ConfigErrorKind) -> ConfigError {
        ConfigError {
            policy: self.name,
            source: self.describe_source(),
            kind,
        }
    }
}

/// The entries of a comma-separated list, with the spaces around each removed.
fn split_list(value: &str) -> impl Iterator<Item = &str> {
    let value = value.trim();
    // An empty variable is an empty list (refused by the rule book), not one empty origin.
    value
        .split(',')
        .map(str::trim)
        .filter(move |_| !value.is_empty())
}

/// (Feature `serde`.) A list of origins read from configuration with `serde`: deserializes from a sequence of
/// strings and refuses, while deserializing, every origin the attribute would refuse (syntax,
/// duplicates, an empty list), all problems in one error. Rules that depend on the rest of a
/// policy (`credentials`) are checked when it is passed to [`Policy::set_origins`].
///
/// ```
/// # #[cfg(feature = "serde")] {
/// use cors_runtime::OriginList;
///
/// #[derive(serde::Deserialize, Debug)]
/// struct Settings { cors_origins: OriginList }
///
/// let ok: Settings = serde_json::from_str(r#"{"cors_origins": ["https://app.example.com"]}"#).unwrap();
/// assert_eq!(ok.cors_origins.as_slice(), ["https://app.example.com"]);
/// let bad = serde_json::from_str::<Settings>(r#"{"cors_origins": ["https://app.example.com/"]}"#);
/// assert!(bad.unwrap_err().to_string().contains("an origin has no path"));
/// # }
/// ```
#[cfg(feature = "serde")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OriginList(Vec<String>);

#[cfg(feature = "serde")]
impl OriginList {
    /// The origins, in order.
    pub fn as_slice(&self) -> &[String] {
        &self.0
    }

    /// Checks `origins` on their own, as deserializing does.
    pub fn new<I>(origins: I) -> Result<OriginList, ConfigError>
    where
        I: IntoIterator,
        I::Item: Into<String>,
    {
        let texts: Vec<String> = origins.into_iter().map(Into::into).collect();
        let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
        let desc = rules::PolicyDesc::new(rules::OriginsDesc::List(&refs));
        let found: Vec<OriginProblem> = rules::problems(&desc)
            .map(|problem| OriginProblem {
                problem,
                value: problem.at.index.map(|i| texts[i].clone()),
            })
            .collect();
        if found.is_empty() {
            Ok(OriginList(texts))
        } else {
            Err(ConfigError {
                policy: "an origin list",
                source: "the configuration".to_string(),
                kind: ConfigErrorKind::Problems(found),
            })
        }
    }
}

#[cfg(feature = "serde")]
impl<'a> IntoIterator for &'a OriginList {
    type Item = &'a String;
    type IntoIter = std::slice::Iter<'a, String>;
    fn into_iter(self) -> Self::IntoIter {
        self.0.iter()
    }
}

#[cfg(feature = "serde")]
impl<'de> serde::Deserialize<'de> for OriginList {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let texts = <Vec<String> as serde::Deserialize>::deserialize(deserializer)?;
        OriginList::new(texts).map_err(serde::de::Error::custom)
    }
}

#[cfg(feature = "serde")]
impl serde::Serialize for OriginList {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_comma_separated_lists() {
        let v: Vec<&str> = split_list(" https://a.com , http://localhost:5173").collect();
        assert_eq!(v, ["https://a.com", "http://localhost:5173"]);
        assert_eq!(split_list("  ").count(), 0);
        let v: Vec<&str> = split_list("https://a.com,").collect();
        assert_eq!(v, ["https://a.com", ""]);
    }
}
