"""The nginx example (examples/nginx/) with a real nginx: Debian's package, which `make test` installs.

The test takes the example as a reader would copy it, changes only what a test must (the address
it listens on, the folder it serves, the snippet's path, a throwaway certificate) and runs nginx in
the foreground with its own prefix, so no system service is involved. Debian 12 ships nginx 1.22,
Ubuntu 24.04 1.24: the example must work there, not only on the newest nginx.
"""

from __future__ import annotations

import gzip
import os
import shutil
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from catalogue_core.publish.static_host import IMMUTABLE, SECURITY_HEADERS
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "nginx"
NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if Path("/usr/sbin/nginx").is_file() else None)


@dataclass
class Response:
    status: int
    headers: dict[str, str]
    body: bytes


@dataclass
class Nginx:
    url: str
    site: Path
    test_output: str  # what `nginx -t` said

    def get(self, path: str, *, gzip_ok: bool = False) -> Response:
        request = urllib.request.Request(self.url + path, headers={"Accept-Encoding": "gzip"} if gzip_ok else {})
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE  # the test's own throwaway certificate
        try:
            with urllib.request.urlopen(request, context=context, timeout=10) as answer:
                return Response(answer.status, {k.lower(): v for k, v in answer.headers.items()}, answer.read())
        except urllib.error.HTTPError as error:
            return Response(error.code, {k.lower(): v for k, v in error.headers.items()}, error.read())


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _adapted_server(site: Path, port: int, certificate: Path, key: Path) -> str:
    """The example's server block with only the test's address, folder, snippet path and certificate
    (the listen line keeps its parameters: they are what older nginx versions reject)."""
    server = (EXAMPLE / "lone-actors-catalogue.conf").read_text(encoding="utf-8")
    replacements = {
        "    listen 443 ": f"    listen 127.0.0.1:{port} ",
        "    root /srv/lone-actors-catalogue/site;\n": f"    root {site};\n",
        "include snippets/lone-actors-headers.conf;": f"include {EXAMPLE / 'lone-actors-headers.conf'};",
        "    # ssl_certificate and ssl_certificate_key as for any other site on this server.\n":
            f"    ssl_certificate {certificate};\n    ssl_certificate_key {key};\n",
    }
    for old, new in replacements.items():
        assert old in server, f"the example no longer has {old.strip()!r}; adapt this test"
        server = server.replace(old, new)
    return server


@pytest.fixture(scope="module")
def nginx(example_site_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Nginx]:
    if NGINX is None:
        pytest.fail("nginx is not installed; `make test` installs Debian's package (make nginx)")
    prefix = tmp_path_factory.mktemp("nginx")
    certificate, key = prefix / "cert.pem", prefix / "key.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                    "-keyout", str(key), "-out", str(certificate)], check=True, capture_output=True, timeout=60)
    port = _free_port()
    (prefix / "site.conf").write_text(_adapted_server(example_site_build, port, certificate, key), encoding="utf-8")
    # nginx's own settings, as Debian's /etc/nginx/nginx.conf has them where they matter here; every
    # file nginx writes goes under the prefix. Run as root, nginx's workers would switch to
    # "nobody", who cannot read the test's private temporary folder.
    user = "user root;\n" if os.geteuid() == 0 else ""
    temp = "".join(f"    {name}_temp_path {prefix / name};\n" for name in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi"))
    (prefix / "nginx.conf").write_text(
        f"{user}worker_processes 1;\ndaemon off;\npid {prefix / 'nginx.pid'};\nerror_log {prefix / 'error.log'} warn;\n"
        "events { worker_connections 64; }\n"
        f"http {{\n    include /etc/nginx/mime.types;\n    default_type application/octet-stream;\n"
        f"    access_log off;\n{temp}    include {prefix / 'site.conf'};\n}}\n",
        encoding="utf-8")
    command = [NGINX, "-p", str(prefix), "-c", str(prefix / "nginx.conf"), "-e", str(prefix / "error.log")]
    checked = subprocess.run([*command, "-t"], capture_output=True, text=True, timeout=30)
    assert checked.returncode == 0, checked.stderr
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 20
        while True:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    pytest.fail(f"nginx did not start: {(prefix / 'error.log').read_text(errors='replace')}")
                time.sleep(0.1)
        yield Nginx(f"https://127.0.0.1:{port}/", example_site_build, checked.stderr)
    finally:
        server.terminate()
        server.wait(timeout=10)


def test_nginx_accepts_the_example_as_it_is(nginx: Nginx) -> None:
    assert "syntax is ok" in nginx.test_output and "test is successful" in nginx.test_output
    assert "[warn]" not in nginx.test_output and "[emerg]" not in nginx.test_output


def test_pages_are_served_with_the_security_headers(nginx: Nginx) -> None:
    for path in ("", "practices/", "practices/example-practice/", "feed.xml", "catalogue.json"):
        answer = nginx.get(path)
        assert answer.status == 200, path
        assert {name: answer.headers.get(name.lower()) for name in SECURITY_HEADERS} == SECURITY_HEADERS, path
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"], path
    home = nginx.get("")
    assert home.headers["content-type"] == "text/html; charset=utf-8"
    assert home.body == (nginx.site / "index.html").read_bytes()


def test_a_missing_page_gets_the_404_page_with_the_headers(nginx: Nginx) -> None:
    answer = nginx.get("no-such-page/")
    assert answer.status == 404
    assert answer.body == (nginx.site / "404.html").read_bytes()
    assert answer.headers["x-content-type-options"] == "nosniff"


def test_the_headers_file_is_not_served(nginx: Nginx) -> None:
    assert (nginx.site / "_headers").is_file()
    answer = nginx.get("_headers")
    assert answer.status == 404
    assert b"Content-Security-Policy:" not in answer.body


def test_hashed_bundles_are_kept_a_year_and_keep_the_security_headers(nginx: Nginx) -> None:
    bundle = next((nginx.site / "assets" / "javascripts").glob("bundle.*.min.js"))
    answer = nginx.get(bundle.relative_to(nginx.site).as_posix())
    assert answer.status == 200
    assert answer.headers["cache-control"] == IMMUTABLE
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert "cache-control" not in nginx.get("assets/stylesheets/catalogue.css").headers


def test_text_files_are_sent_gzipped(nginx: Nginx) -> None:
    search_files = sorted((nginx.site / "search").rglob("*.js"), key=lambda p: p.stat().st_size)
    for path in ("practices/", "assets/stylesheets/catalogue.css", bundle_path(nginx), "catalogue.json",
                 search_files[-1].relative_to(nginx.site).as_posix()):
        answer = nginx.get(path, gzip_ok=True)
        assert answer.headers.get("content-encoding") == "gzip", path
        local = nginx.site / (path + "index.html" if path.endswith("/") else path)
        assert gzip.decompress(answer.body) == local.read_bytes(), path


def bundle_path(nginx: Nginx) -> str:
    return next((nginx.site / "assets" / "javascripts").glob("bundle.*.min.js")).relative_to(nginx.site).as_posix()
