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


# --- the production profile: the same archive with Elasticsearch's security on (docs/security.md) ---------

PRODUCTION_SERVICES = ("es-secure-setup", "elasticsearch-secure", "indexer-secure", "web-secure")
SECURE_SETUP_SCRIPT = PROJECT_ROOT / "docker" / "elasticsearch" / "secure-setup.sh"
SECURE_ENTRYPOINT = PROJECT_ROOT / "docker" / "elasticsearch" / "secure-entrypoint.sh"


def _mounts(service: dict[str, Any]) -> dict[str, str]:
    """Container path -> volume name (``:ro`` dropped) of a service's volumes."""
    mounts = {}
    for entry in service.get("volumes", []):
        volume, path, *_mode = entry.split(":")
        mounts[path] = volume
    return mounts


def _expanded_setup_script() -> str:
    """secure-setup.sh with its absolute-path variables (``SECURITY=/newsarchive/security``) substituted."""
    script = SECURE_SETUP_SCRIPT.read_text(encoding="utf-8")
    for name, value in re.findall(r"^([A-Z_]+)=(/\S+)$", script, re.MULTILINE):
        script = script.replace(f'"${name}', f'"{value}')
    return script


def test_the_production_profile_holds_the_secured_services_and_the_default_ones_stay_unprofiled() -> None:
    services = _compose()["services"]
    assert {name for name, s in services.items() if s.get("profiles") == ["production"]} == set(PRODUCTION_SERVICES)
    assert all("profiles" not in services[name] for name in ("elasticsearch", "app"))
    assert set(_compose()["volumes"]) >= {_mounts(services[name])[path]
                                          for name in PRODUCTION_SERVICES for path in _mounts(services[name])}


def test_production_elasticsearch_has_security_on_like_the_local_secured_node() -> None:
    from newsarchive.esnode.security import security_yml_lines

    service = _compose()["services"]["elasticsearch-secure"]
    local = dict(line.split(": ", 1) for line in security_yml_lines())
    environment = service["environment"]
    assert {key: environment[key] for key in local} == local
    assert "ports" not in service, "the secured node is reachable only from the compose network"
    assert service["depends_on"] == {"es-secure-setup": {"condition": "service_completed_successfully"}}
    assert service["entrypoint"][-1] == "/usr/local/bin/newsarchive-secure-entrypoint.sh"
    health = " ".join(service["healthcheck"]["test"])
    assert "https://localhost:9200/_cluster/health" in health and "--cacert" in health and "-K " in health
    assert " -u " not in health, "no credentials on the health check's command line"
    assert _mounts(service)["/newsarchive/security"] == "es-security"
    assert service["volumes"][-1].endswith(":ro")


def test_production_apps_connect_over_https_each_with_its_own_least_privileged_user() -> None:
    from newsarchive.esnode.security import INDEXER_USER, WEB_USER

    services = _compose()["services"]
    for name, user in (("indexer-secure", INDEXER_USER), ("web-secure", WEB_USER)):
        service = services[name]
        environment = service["environment"]
        assert environment["NEWSARCHIVE_ES_URL"] == "https://elasticsearch-secure:9200"
        assert "NEWSARCHIVE_ES_PASSWORD" not in environment and "NEWSARCHIVE_ES_USERNAME" not in environment
        credentials = Path(environment["NEWSARCHIVE_ES_CREDENTIALS_FILE"])
        assert credentials.name == f"{user}.json"
        mounts = _mounts(service)
        assert mounts[str(credentials.parent)] == ("es-web-credentials" if user == WEB_USER
                                                    else "es-indexer-credentials")
        assert mounts[str(Path(environment["NEWSARCHIVE_ES_CA_CERTS"]).parent)] == "es-ca"
        setup_paths = {volume: path for path, volume in _mounts(services["es-secure-setup"]).items()}
        written = f"{setup_paths[mounts[str(credentials.parent)]]}/{credentials.name}"
        assert f'> "{written}"' in _expanded_setup_script(), f"the setup does not write {written}"
    assert "es-indexer-credentials" not in _mounts(services["web-secure"]).values()
    assert services["indexer-secure"]["depends_on"] == {"elasticsearch-secure": {"condition": "service_healthy"}}
    assert services["web-secure"]["depends_on"] == {"indexer-secure": {"condition": "service_completed_successfully"}}
    assert services["web-secure"]["command"] == ["newsarchive", "serve", "--host", "0.0.0.0"]


def test_the_setup_script_writes_the_local_nodes_roles_and_owns_files_by_the_apps_uid() -> None:
    from newsarchive.config import Settings
    from newsarchive.esnode.security import roles_yml

    script = SECURE_SETUP_SCRIPT.read_text(encoding="utf-8")
    heredoc = re.search(r"<<ROLES\n(.*?)\nROLES\n", script, re.DOTALL)
    assert heredoc is not None
    for prefix in ("", "news-"):
        in_docker = yaml.safe_load(heredoc.group(1).replace("${PREFIX}", prefix))
        assert in_docker == yaml.safe_load(roles_yml(Settings(index_prefix=prefix)))
    setup = _compose()["services"]["es-secure-setup"]
    uid = setup["environment"]["NEWSARCHIVE_APP_UID"]
    app_runs = " ".join(args for keyword, args in _instructions(PROJECT_ROOT / "docker" / "app" / "Dockerfile")
                        if keyword == "RUN")
    assert f"useradd --system --uid {uid} " in app_runs
    assert "elasticsearch-users useradd" in script and "| ES_PATH_CONF=" in script, "passwords go in on stdin"
    for path in (SECURE_SETUP_SCRIPT, SECURE_ENTRYPOINT):
        assert path.stat().st_mode & 0o111, f"{path.name} must be executable (COPY keeps the mode)"
        checked = subprocess.run(["bash", "-n", str(path)], capture_output=True, text=True, check=False)
        assert checked.returncode == 0, checked.stderr


# --- the dask profile: enrichment on a Dask distributed cluster (docs/distributed.md) ---------------------

DASK_SERVICES = ("dask-scheduler", "dask-worker-1", "dask-worker-2", "indexer-dask")
DASK_SCHEDULER_ADDRESS = "tcp://dask-scheduler:8786"


def _dask_cli_params(command: list[str]) -> dict[str, Any]:
    """The options of a ``dask scheduler`` / ``dask worker`` command line as Dask's own CLI parses them (no
    process is started; an unknown option raises)."""
    from distributed.cli import dask_scheduler, dask_worker

    assert command[0] == "dask" and command[1] in ("scheduler", "worker"), command
    main = dask_scheduler.main if command[1] == "scheduler" else dask_worker.main
    params: dict[str, Any] = main.make_context(f"dask {command[1]}", list(command[2:])).params
    return params


def test_the_dask_profile_runs_a_scheduler_and_two_single_threaded_workers_from_the_app_image() -> None:
    services = _compose()["services"]
    assert {name for name, s in services.items() if s.get("profiles") == ["dask"]} == set(DASK_SERVICES)
    for name in DASK_SERVICES:
        assert services[name]["image"] == services["app"]["image"], f"{name}: the project must be installed"
        assert services[name]["build"] == services["app"]["build"]
        assert "ports" not in services[name], f"{name}: reachable only on the compose network"
    scheduler = services["dask-scheduler"]
    params = _dask_cli_params(scheduler["command"])
    assert (params["host"], params["port"], params["dashboard"]) == ("0.0.0.0", "8786", False)
    health = " ".join(scheduler["healthcheck"]["test"])
    assert "create_connection(('127.0.0.1', 8786)" in health
    for name in ("dask-worker-1", "dask-worker-2"):
        worker = services[name]
        params = _dask_cli_params(worker["command"])
        # one process of one thread per container: spaCy runs one batch at a time, like a local pool worker;
        # no nanny (it would set MALLOC_TRIM_THRESHOLD_): Docker restarts a worker that dies
        assert (params["scheduler"], params["n_workers"], params["nthreads"]) == (DASK_SCHEDULER_ADDRESS, None, 1)
        assert params["nanny"] is False and worker["restart"] == "on-failure"
        assert worker["depends_on"] == {"dask-scheduler": {"condition": "service_healthy"}}
        environment = worker["environment"]
        assert environment["DASK_DISTRIBUTED__WORKER__PROFILE__ENABLED"] == "False"
        assert "MALLOC_TRIM_THRESHOLD_" not in environment
        assert all(environment[f"{lib}_NUM_THREADS"] == "1" for lib in ("OMP", "MKL", "OPENBLAS"))


def test_the_dask_indexer_enriches_on_the_cluster_and_writes_to_elasticsearch() -> None:
    services = _compose()["services"]
    indexer = services["indexer-dask"]
    assert indexer["depends_on"] == {
        "elasticsearch": {"condition": "service_healthy"},
        "dask-worker-1": {"condition": "service_started"},
        "dask-worker-2": {"condition": "service_started"},
    }
    assert indexer["environment"]["NEWSARCHIVE_ES_URL"] == "http://elasticsearch:9200"
    script = indexer["command"][2]
    index = f"newsarchive index --no-progress --scheduler {DASK_SCHEDULER_ADDRESS} seeds/"
    assert script.index("newsarchive setup") < script.index(index)
    assert _mounts(indexer)["/data"] == "app-dask-data" and "app-dask-data" in _compose()["volumes"]
    index_command = getattr(typer.main.get_command(cli_app), "commands", {})["index"]
    assert "--scheduler" in {opt for param in index_command.params for opt in getattr(param, "opts", [])}


# --- the cluster profile: three Elasticsearch nodes and an app that uses all of them (docs/elasticsearch.md) --

CLUSTER_NODES = ("es01", "es02", "es03")


def test_the_cluster_profile_runs_three_nodes_of_the_projects_image_that_find_each_other_by_name() -> None:
    services = _compose()["services"]
    assert {name for name, s in services.items() if s.get("profiles") == ["cluster"]} == {*CLUSTER_NODES,
                                                                                          "app-cluster"}
    single = services["elasticsearch"]
    for number, name in enumerate(CLUSTER_NODES, start=1):
        node = services[name]
        environment = node["environment"]
        assert node["image"] == single["image"] and node["build"] == single["build"]
        assert environment["node.name"] == name
        assert environment["cluster.name"] == "newsarchive-cluster"
        assert "discovery.type" not in environment
        assert set(environment["discovery.seed_hosts"].split(",")) == set(CLUSTER_NODES) - {name}
        assert environment["cluster.initial_master_nodes"].split(",") == list(CLUSTER_NODES)
        assert environment["xpack.security.enabled"] == "false"
        heap = re.findall(r"-Xm[sx](\S+)", environment["ES_JAVA_OPTS"])
        assert len(heap) == 2 and heap[0] == heap[1]
        assert node["ports"] == [f"127.0.0.1:920{number}:9200"]
        assert _mounts(node)["/usr/share/elasticsearch/data"] == f"{name}-data"
        health = " ".join(node["healthcheck"]["test"])
        assert "localhost:9200/_cluster/health" in health and "wait_for_status=yellow" in health
    assert {f"{name}-data" for name in CLUSTER_NODES} | {"app-cluster-data"} <= set(_compose()["volumes"])


def test_the_cluster_app_lists_every_node_and_waits_for_all_of_them() -> None:
    from newsarchive.config import Settings
    from newsarchive.es_client import resolve_es_urls

    app = _compose()["services"]["app-cluster"]
    url = app["environment"]["NEWSARCHIVE_ES_URL"]
    assert resolve_es_urls(Settings(es_url=url)) == [f"http://{name}:9200" for name in CLUSTER_NODES]
    assert app["depends_on"] == {name: {"condition": "service_healthy"} for name in CLUSTER_NODES}
    script = app["command"][2]
    steps = [script.index(step) for step in
             ("newsarchive setup", "newsarchive index --no-progress seeds/", "newsarchive serve --host 0.0.0.0")]
    assert steps == sorted(steps)
    assert app["ports"] == ["127.0.0.1:8001:8000"] and _mounts(app)["/data"] == "app-cluster-data"
