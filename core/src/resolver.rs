//! Name resolution whose failure is recognisable as such.

use ureq::config::Config;
use ureq::http::Uri;
use ureq::unversioned::resolver::{DefaultResolver, ResolvedSocketAddrs, Resolver};
use ureq::unversioned::transport::NextTimeout;

/// ureq's own resolver, except that a failed lookup is reported as `HostNotFound`.
///
/// ureq passes the system resolver's failure on as a plain `io::Error`, which cannot be told
/// apart from a connection that broke after the request was sent. A failed lookup means nothing
/// was sent: reporting it as such keeps "safe to retry" true where it is true. (ureq marks this
/// interface "unversioned"; Cargo.lock pins the version it was written against.)
#[derive(Debug, Default)]
pub(crate) struct LookupResolver(DefaultResolver);

impl Resolver for LookupResolver {
    fn resolve(
        &self,
        uri: &Uri,
        config: &Config,
        timeout: NextTimeout,
    ) -> Result<ResolvedSocketAddrs, ureq::Error> {
        match self.0.resolve(uri, config, timeout) {
            Err(ureq::Error::Io(_)) => Err(ureq::Error::HostNotFound),
            other => other,
        }
    }
}
