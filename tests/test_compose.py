"""docker-compose.yml and the Dockerfiles, checked without Docker (which these machines do not have).

The compose file is validated by a real Compose implementation: Debian's ``docker-compose`` (1.29.2), whose
``config`` command checks the file against its bundled Compose schema without needing a Docker engine.
``make test`` installs it (scripts/ensure_test_tools.sh).
"""

from __future__ import annotations

import copy
import re
import shlex
import shutil
import subprocess
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import pytest
import typer.main
import yaml

from newsarchive.cli import app as cli_app
from newsarchive.config import ES_VERSION, PROJECT_ROOT
from newsarchive.esnode.plugin import PLUGIN_CLI_JAVA_OPTS, plugin_zip_path

COMPOSE_FILE = PROJECT_ROOT / "docker-compose.yml"
ES_DOCKERFILE = PROJECT_ROOT / "docker" / "elasticsearch" / "Dockerfile"


def _compose() -> dict[str, Any]:
    data = yaml.safe_load(COMPOSE_FILE.read_text(encoding="utf-8"))
    assert isinstance(data, dict)
    return data


def _compose_config(path: Path) -> subprocess.CompletedProcess[str]:
    """Run ``docker-compose -f PATH config -q`` (validation only; no Docker engine needed)."""
    executable = shutil.which("docker-compose")
    assert executable, "docker-compose is not installed: run scripts/ensure_test_tools.sh (make test does)"
    return subprocess.run([executable, "-f", str(path), "config", "-q"], capture_output=True, text=True,
                          cwd=path.parent, timeout=120, check=False)


def _instructions(dockerfile: Path) -> list[tuple[str, str]]:
    """(INSTRUCTION, arguments) pairs of a Dockerfile, continuation lines joined, comments dropped."""
    result: list[tuple[str, str]] = []
    pending = ""
    for raw in dockerfile.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not pending and (not line or line.startswith("#")):
            continue
        if line.endswith("\\"):
            pending += line[:-1] + " "
            continue
        line = pending + line
        pending = ""
        keyword, _, rest = line.partition(" ")
        result.append((keyword.upper(), rest.strip()))
    return result


def _stages(dockerfile: Path) -> list[list[tuple[str, str]]]:
    stages: list[list[tuple[str, str]]] = []
    for instruction in _instructions(dockerfile):
        if instruction[0] == "FROM":
            stages.append([])
        stages[-1].append(instruction)
    return stages


def test_compose_file_is_valid_for_a_real_compose_implementation() -> None:
    result = _compose_config(COMPOSE_FILE)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("what", "mutate"),
    [
        ("unknown service key", lambda c: c["services"]["app"].update(port=["8000"])),
        ("bad depends_on condition", lambda c: c["services"]["app"]["depends_on"]["elasticsearch"].update(
            condition="service_ready")),
        ("healthcheck retries as a list", lambda c: c["services"]["elasticsearch"]["healthcheck"].update(
            retries=[3])),
        ("unknown top-level key", lambda c: c.update(service={})),
    ],
)
def test_compose_rejects_broken_compose_files(what: str, mutate: Any) -> None:
    broken = copy.deepcopy(_compose())
    mutate(broken)
    # Written beside the real file so that the build contexts resolve the same way.
    path = COMPOSE_FILE.with_name(".docker-compose.broken-test.yml")
    path.write_text(yaml.safe_dump(broken), encoding="utf-8")
    try:
        result = _compose_config(path)
    finally:
        path.unlink()
    assert result.returncode != 0, f"{what} was accepted"


def test_elasticsearch_image_is_the_version_the_archive_is_tested_with() -> None:
    final_stage = _stages(ES_DOCKERFILE)[-1]
    assert final_stage[0] == ("FROM", f"docker.elastic.co/elasticsearch/elasticsearch:{ES_VERSION}")
    assert _compose()["services"]["elasticsearch"]["image"].endswith(f":{ES_VERSION}")
    pom = ET.parse(PROJECT_ROOT / "es-plugin" / "pom.xml").getroot()
    namespace = {"m": "http://maven.apache.org/POM/4.0.0"}
    assert pom.findtext("m:properties/m:elasticsearch.version", namespaces=namespace) == ES_VERSION


def test_the_plugin_is_built_on_jdk_17_and_installed_into_the_image() -> None:
    build_stage, final_stage = _stages(ES_DOCKERFILE)
    assert build_stage[0] == ("FROM", "maven:3-eclipse-temurin-17 AS plugin")
    assert ("RUN", "mvn -B -q package") in build_stage
    zip_prefix = plugin_zip_path().name.rsplit("-", 1)[0]  # newsarchive-analysis
    copies = [args for keyword, args in final_stage if keyword == "COPY"]
    assert any(args.startswith("--from=plugin ") and f"/target/{zip_prefix}-*.zip" in args for args in copies)
    runs = " ".join(args for keyword, args in final_stage if keyword == "RUN")
    assert f"CLI_JAVA_OPTS={PLUGIN_CLI_JAVA_OPTS} bin/elasticsearch-plugin install --batch file:///tmp/" in runs


def test_build_inputs_exist_and_are_not_ignored() -> None:
    for name, service in _compose()["services"].items():
        context = (COMPOSE_FILE.parent / service["build"]["context"]).resolve()
        dockerfile = context / service["build"]["dockerfile"]
        assert dockerfile.is_file(), f"{name}: {dockerfile} missing"
        ignore = dockerfile.with_name(dockerfile.name + ".dockerignore").read_text(encoding="utf-8").splitlines()
        for keyword, args in _instructions(dockerfile):
            if keyword != "COPY" or args.startswith("--from="):
                continue
            *sources, _destination = shlex.split(args)
            for source in sources:
                assert (context / source).exists(), f"{name}: COPY source {source} missing"
                if "*" in ignore:  # an allow-list ignore file: every source must be re-included
                    assert f"!{source.rstrip('/')}" in ignore, f"{name}: {source} is excluded from the context"


def test_published_ports_are_bound_to_loopback_only() -> None:
    services = _compose()["services"]
    assert services["elasticsearch"]["ports"] == ["127.0.0.1:9200:9200"]
    assert services["app"]["ports"] == ["127.0.0.1:8000:8000"]
    for service in services.values():
        for port in service.get("ports", []):
            assert isinstance(port, str) and port.startswith("127.0.0.1:")


def test_elasticsearch_is_single_node_without_security_and_has_a_health_check() -> None:
    service = _compose()["services"]["elasticsearch"]
    environment = service["environment"]
    assert environment["discovery.type"] == "single-node"
    assert environment["xpack.security.enabled"] == "false"
    heap = re.findall(r"-Xm[sx](\S+)", environment["ES_JAVA_OPTS"])
    assert len(heap) == 2 and heap[0] == heap[1]
    test = " ".join(service["healthcheck"]["test"])
    assert "curl" in test and "localhost:9200/_cluster/health" in test and "wait_for_status=yellow" in test
    assert any(v.endswith(":/usr/share/elasticsearch/data") for v in service["volumes"])


def test_app_waits_for_healthy_elasticsearch_then_sets_up_indexes_and_serves() -> None:
    app = _compose()["services"]["app"]
    assert app["depends_on"] == {"elasticsearch": {"condition": "service_healthy"}}
    assert app["environment"]["NEWSARCHIVE_ES_URL"] == "http://elasticsearch:9200"
    assert app["command"][:2] == ["sh", "-c"]
    script = app["command"][2]
    steps = [script.index(step) for step in
             ("newsarchive setup", "newsarchive index --no-progress seeds/", "newsarchive serve --host 0.0.0.0")]
    assert steps == sorted(steps)
    assert (PROJECT_ROOT / "seeds").is_dir()


def test_the_commands_the_app_container_runs_exist() -> None:
    commands: dict[str, Any] = getattr(typer.main.get_command(cli_app), "commands", {})
    options = {
        name: {
            opt
            for param in commands[name].params
            for opt in [*getattr(param, "opts", []), *getattr(param, "secondary_opts", [])]
        }
        for name in ("setup", "index", "serve")
        if name in commands
    }
    assert set(options) == {"setup", "index", "serve"}
    assert "--no-progress" in options["index"]
    assert "--host" in options["serve"]
