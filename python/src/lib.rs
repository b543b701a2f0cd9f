//! `sectigo_sps._native`: the private extension module behind the `sectigo_sps` package.
//!
//! It wraps the core crate directly and adds no logic of its own: validation, the call, the
//! status-code table and the code-to-category mapping all come from `sectigo-sps`. The public
//! Python face (argument normalisation, the exception classes, the code enum) lives in
//! `python/sectigo_sps/`.

use std::sync::Mutex;
use std::time::Duration;

use pyo3::exceptions::PyRuntimeError;
use pyo3::prelude::*;
use pyo3::sync::PyOnceLock;
use pyo3::types::PyTuple;
use sectigo_sps::{Category, Error, LocalCode, ProviderCode, ProxySetting};

/// The partner account's login name and password. The password stays inside the Rust value
/// (wiped from memory when dropped) and cannot be read back from Python.
#[pyclass(module = "sectigo_sps", name = "Credentials", frozen)]
struct PyCredentials {
    inner: sectigo_sps::Credentials,
}

#[pymethods]
impl PyCredentials {
    #[new]
    fn new(login_name: String, password: String) -> Self {
        PyCredentials {
            inner: sectigo_sps::Credentials::new(login_name, password),
        }
    }

    #[getter]
    fn login_name(&self) -> &str {
        self.inner.login_name()
    }

    fn __repr__(&self) -> String {
        let name = self.inner.login_name().escape_debug();
        format!("Credentials(login_name='{name}', password=<redacted>)")
    }

    // The default pickling would fail with a confusing message; a pickle would hold the
    // password in clear, so refuse plainly.
    fn __reduce__(&self) -> PyResult<()> {
        Err(pyo3::exceptions::PyTypeError::new_err(
            "Credentials cannot be pickled: a pickle would hold the password in clear",
        ))
    }
}

/// The core client. `close()` drops it (and with it the connection pool); calls already in
/// flight keep their own handle and finish normally.
#[pyclass(module = "sectigo_sps._native", name = "Client", frozen)]
struct PyClient {
    inner: Mutex<Option<sectigo_sps::Client>>,
    url: String,
}

#[pymethods]
impl PyClient {
    #[new]
    #[pyo3(signature = (
        *,
        endpoint,
        timeout,
        connect_timeout,
        ca_pem,
        use_system_roots,
        proxy_from_environment,
        proxy_url,
        user_agent_suffix,
    ))]
    #[allow(clippy::too_many_arguments)]
    fn new(
        py: Python<'_>,
        endpoint: Option<String>,
        timeout: f64,
        connect_timeout: f64,
        ca_pem: Vec<Vec<u8>>,
        use_system_roots: bool,
        proxy_from_environment: bool,
        proxy_url: Option<String>,
        user_agent_suffix: Option<String>,
    ) -> PyResult<Self> {
        let result = (|| {
            let mut builder = sectigo_sps::Client::builder()
                .timeout(seconds("timeout", timeout)?)
                .connect_timeout(seconds("connect_timeout", connect_timeout)?)
                .use_system_roots(use_system_roots)
                .proxy(match (proxy_url, proxy_from_environment) {
                    (Some(url), _) => ProxySetting::Url(url),
                    (None, true) => ProxySetting::FromEnvironment,
                    (None, false) => ProxySetting::None,
                });
            if let Some(endpoint) = endpoint {
                builder = builder.endpoint(endpoint);
            }
            if let Some(suffix) = user_agent_suffix {
                builder = builder.user_agent_suffix(&suffix);
            }
            for pem in ca_pem {
                builder = builder.add_root_certificates_pem(pem);
            }
            // Loading the system trust store reads files: no reason to hold the GIL for it.
            py.detach(|| builder.build())
        })();
        let client = result.map_err(|error| to_py_err(py, &error))?;
        Ok(PyClient {
            url: client.url().to_string(),
            inner: Mutex::new(Some(client)),
        })
    }

    /// The full URL the client posts to.
    #[getter]
    fn url(&self) -> &str {
        &self.url
    }

    #[getter]
    fn closed(&self) -> bool {
        self.lock().is_none()
    }

    fn close(&self) {
        self.lock().take();
    }

    /// One call; the GIL is released from before the request is encoded until the verdict is in.
    fn resend_invitation_email_smime(
        &self,
        py: Python<'_>,
        credentials: PyRef<'_, PyCredentials>,
        order_number: String,
    ) -> PyResult<()> {
        let client = self.lock().clone().ok_or_else(|| {
            PyRuntimeError::new_err("this sectigo_sps.Client is closed; create a new one")
        })?;
        let credentials = credentials.inner.clone();
        py.detach(move || client.resend_invitation_email_smime(&credentials, &order_number))
            .map_err(|error| to_py_err(py, &error))
    }

    fn __repr__(&self) -> String {
        let state = if self.closed() { " closed" } else { "" };
        format!("<sectigo_sps._native.Client url={:?}{state}>", self.url)
    }
}

impl PyClient {
    fn lock(&self) -> std::sync::MutexGuard<'_, Option<sectigo_sps::Client>> {
        // The guarded value is only ever replaced whole, so a poisoned lock still holds a
        // consistent value.
        self.inner
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

fn seconds(name: &str, value: f64) -> Result<Duration, Error> {
    Duration::try_from_secs_f64(value).map_err(|_| {
        Error::InvalidConfig(format!(
            "the {name} must be a finite number of seconds, not {value}"
        ))
    })
}

/// Builds the public exception through `sectigo_sps.exceptions._from_native`, so that the
/// classes are ordinary Python classes (picklable, with their public `__module__`) while the
/// code-to-kind mapping stays core's `Category::of`.
fn to_py_err(py: Python<'_>, error: &Error) -> PyErr {
    static FACTORY: PyOnceLock<Py<PyAny>> = PyOnceLock::new();
    let build = || -> PyResult<PyErr> {
        let factory = FACTORY.get_or_try_init(py, || {
            py.import("sectigo_sps.exceptions")?
                .getattr("_from_native")
                .map(Bound::unbind)
        })?;
        let code = error.code();
        let exception = factory.bind(py).call1((
            code,
            error.message(),
            Category::of(code).name(),
            error.provider().and_then(|verdict| verdict.parameter()),
            error.is_safe_to_retry(),
        ))?;
        Ok(PyErr::from_value(exception))
    };
    build().unwrap_or_else(|failure| failure)
}

/// The category name core gives `code` (`authentication`, `timeout`, ...).
#[pyfunction]
fn category_name(code: i32) -> &'static str {
    Category::of(code).name()
}

/// Core's one retry rule (`sectigo_sps::code::is_safe_to_retry`): true only for the codes after
/// which the request certainly was not sent (5 and 14). Failed calls carry it as
/// `safe_to_retry`; this is for tests and tools that only have a code.
#[pyfunction]
fn is_safe_to_retry(code: i32) -> bool {
    sectigo_sps::code::is_safe_to_retry(code)
}

/// The stable name of any status code (`ok`, `authentication_failed`, `provider_unlisted`, ...).
#[pyfunction]
fn status_name(code: i32) -> &'static str {
    sectigo_sps::status_name(code)
}

#[pymodule]
fn _native(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("__version__", sectigo_sps::VERSION)?;
    m.add("SUCCESS", sectigo_sps::code::SUCCESS)?;
    m.add("DEFAULT_BASE_URL", sectigo_sps::DEFAULT_BASE_URL)?;
    m.add(
        "DEFAULT_TIMEOUT",
        sectigo_sps::DEFAULT_TIMEOUT.as_secs_f64(),
    )?;
    m.add(
        "DEFAULT_CONNECT_TIMEOUT",
        sectigo_sps::DEFAULT_CONNECT_TIMEOUT.as_secs_f64(),
    )?;
    let provider: Vec<_> = ProviderCode::ALL
        .iter()
        .map(|c| (c.code(), c.name(), c.meaning()))
        .collect();
    let local: Vec<_> = LocalCode::ALL
        .iter()
        .map(|c| (c.code(), c.name(), c.meaning()))
        .collect();
    m.add("PROVIDER_CODES", PyTuple::new(py, provider)?)?;
    m.add("LOCAL_CODES", PyTuple::new(py, local)?)?;
    m.add_class::<PyCredentials>()?;
    m.add_class::<PyClient>()?;
    m.add_function(wrap_pyfunction!(status_name, m)?)?;
    m.add_function(wrap_pyfunction!(category_name, m)?)?;
    m.add_function(wrap_pyfunction!(is_safe_to_retry, m)?)?;
    Ok(())
}
