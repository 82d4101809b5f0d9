"""CONTROLS: every probe of the red-team suite, pointed at containers this test starts itself.

- A PERMISSIVE container (extra capabilities, a fake Docker socket at every usual path, a host
  directory mounted, a block device, DOCKER_HOST set, writable root, no memory or pids limit) and a
  host-network/host-pid one: every probe must DETECT the way out. A probe that cannot detect what it
  looks for would report "blocked" for the platform too, so this is what makes the attacks' passes mean
  something.
- A HARDENED container started with the flags the platform gives tenants (CapDrop ALL + the add list,
  read-only root, tmpfs /tmp, pids and memory limits, init, an overlay network only): the probes must
  come out blocked there (calibration: they do not report "open" for everything either).

Needs only dockerd + Swarm (no platform API). The cross-network control needs the pool blackhole.
Nothing here counts as an attack on the platform; the summary counts these as controls.
"""

from __future__ import annotations

import errno
import os
import secrets
import shutil
import socket
import subprocess
import tempfile
import threading
from dataclasses import dataclass, field

import pytest

from rtlib import builds, dock, probes, settings

HARDENED_MEMORY_MB = 64
HARDENED_PIDS = 64

SOCKET_PATHS = [
    "/var/run/docker.sock", "/run/docker.sock", "/docker.sock", "/var/run/docker/docker.sock",
    "/var/run/containerd/containerd.sock", "/run/containerd/containerd.sock", "/run/podman/podman.sock",
    "/var/run/crio/crio.sock", "/run/dockershim.sock",
]
HOST_DIRS = ["/host", "/hostfs", "/rootfs", "/host-root", "/mnt/host"]
EXTRA_CAPS = ["SYS_ADMIN", "NET_ADMIN", "SYS_PTRACE", "SYS_MODULE", "DAC_READ_SEARCH", "SYS_RAWIO", "NET_RAW", "MKNOD"]


def hardened_flags(network: str) -> list[str]:
    """What the platform's HardenedServiceSpec gives a tenant task, as `docker run` flags."""
    flags = ["--cap-drop", "ALL"]
    for cap in sorted(settings.ALLOWED_CAPS):
        flags += ["--cap-add", cap]
    return flags + [
        "--read-only", "--tmpfs", "/tmp:rw,size=32m,mode=1777",
        "--pids-limit", str(HARDENED_PIDS), "--memory", f"{HARDENED_MEMORY_MB}m",
        "--memory-swap", f"{HARDENED_MEMORY_MB}m", "--cpus", "0.5", "--init", "--network", network,
    ]


class Listeners:
    """Plain TCP listeners on one host address (a Docker bridge gateway of this machine): they stand in
    for host daemons (Docker API, control plane, registry) that a permissive setup would expose."""

    def __init__(self, addr: str):
        self.addr = addr
        self.socks: list[socket.socket] = []
        self.already_open: list[int] = []
        self._stop = threading.Event()

    def listen(self, port: int) -> None:
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind((self.addr, port))
        except OSError as exc:
            s.close()
            if exc.errno != errno.EADDRINUSE:
                raise
            # Something on this host already listens on that port on every address (e.g. dockerd's
            # Swarm ports): it is open anyway, which is what the control needs.
            self.already_open.append(port)
            return
        s.listen(16)
        s.settimeout(0.3)
        self.socks.append(s)
        threading.Thread(target=self._accept, args=(s,), daemon=True).start()

    def _accept(self, s: socket.socket) -> None:
        while not self._stop.is_set():
            try:
                conn, _ = s.accept()
                conn.close()
            except (socket.timeout, OSError):
                continue

    def close(self) -> None:
        self._stop.set()
        for s in self.socks:
            s.close()


def free_port_on(addr: str) -> int:
    for _ in range(100):
        port = 20000 + secrets.randbelow(12000)
        with socket.socket() as s:
            try:
                s.bind((addr, port))
            except OSError:
                continue
        with socket.socket() as s:
            try:
                s.bind(("127.0.0.1", port))
            except OSError:
                continue
        return port
    raise RuntimeError("no free port")


@dataclass
class Lab:
    tag: str
    net_a: str  # the hardened container's overlay ("tenant A")
    net_b: str  # another overlay ("tenant B")
    bridge: str
    bridge_gw: str
    probe_ports: str
    hardened: str
    permissive: str
    victim: str
    victim_ip: str
    peer: str
    hostns_output: str
    env_permissive: dict[str, str] = field(default_factory=dict)


@pytest.fixture(scope="module")
def lab(images):
    tag = secrets.token_hex(3)
    pre = settings.CONTROL_PREFIX
    net_a, net_b, bridge = f"{pre}ova-{tag}", f"{pre}ovb-{tag}", f"{pre}br-{tag}"
    tmp = tempfile.mkdtemp(prefix="paas-redteam-")
    os.chmod(tmp, 0o755)
    unix_socks: list[socket.socket] = []
    listeners: Listeners | None = None
    try:
        dock.docker("network", "create", "-d", "overlay", "--attachable", net_a, timeout=60)
        dock.docker("network", "create", "-d", "overlay", "--attachable", net_b, timeout=60)
        dock.docker("network", "create", "-d", "bridge", bridge, timeout=60)
        bridge_gw = dock.inspect(bridge, "network")["IPAM"]["Config"][0]["Gateway"]

        # A fake Docker socket (nothing answers on it) and a fake host tree for the permissive container.
        def unix_socket(path: str) -> None:
            os.makedirs(os.path.dirname(path), exist_ok=True)
            s = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
            s.bind(path)
            unix_socks.append(s)

        fake_sock = os.path.join(tmp, "fake-docker.sock")
        unix_socket(fake_sock)
        host_tree = os.path.join(tmp, "host")
        os.makedirs(os.path.join(host_tree, "etc"))
        with open(os.path.join(host_tree, "etc", "hostname"), "w") as f:
            f.write("paas-redteam-fake-host\n")
        unix_socket(os.path.join(host_tree, "var", "run", "docker.sock"))
        unix_socket(os.path.join(host_tree, "run", "docker.sock"))

        # Host daemons on the bridge gateway: the default Docker/Swarm ports and stand-ins for the
        # control plane and registry (on free ports, with the same probe names the attacks use).
        listeners = Listeners(bridge_gw)
        probe_ports = f"control-plane:{free_port_on(bridge_gw)} registry:{free_port_on(bridge_gw)}"
        for word in (settings.GATEWAY_PORTS + " " + probe_ports).split():
            listeners.listen(int(word.rsplit(":", 1)[1]))

        # Hardened "tenant": the portainer-like image with the platform's flags.
        hardened = f"{pre}hardened-{tag}"
        dock.run_detached(hardened, settings.PORTAINER_IMAGE, *hardened_flags(net_a),
                          "-e", f"REDTEAM_PROBE_PORTS={probe_ports}")

        # Victim and a peer on another overlay.
        victim, peer = f"{pre}victim-{tag}", f"{pre}peer-{tag}"
        dock.run_detached(victim, settings.WEB_IMAGE, *hardened_flags(net_b))
        dock.run_detached(peer, settings.WEB_IMAGE, *hardened_flags(net_b))
        victim_ip = dock.container_networks(dock.inspect(victim))[net_b]

        # Permissive: shares the network namespace of a helper that serves the Docker API ports on its
        # loopback, sits on a plain bridge whose gateway runs the listeners above.
        helper = f"{pre}loopback-{tag}"
        dock.run_detached(helper, settings.WEB_IMAGE, "--network", bridge, "--entrypoint", "sh", command=[
            "-c", "mkdir -p /tmp/w && httpd -p 127.0.0.1:2375 -h /tmp/w && httpd -p 127.0.0.1:2376 -h /tmp/w "
                  "&& exec sleep 3600"])
        permissive = f"{pre}permissive-{tag}"
        opts = ["--network", f"container:{helper}", "-e", "DOCKER_HOST=tcp://127.0.0.1:2375",
                "-e", f"REDTEAM_PROBE_PORTS={probe_ports}", "-e", f"REDTEAM_GATEWAY_ALLOW={bridge_gw}",
                "--entrypoint", "sh"]
        for cap in EXTRA_CAPS:
            opts += ["--cap-add", cap]
        for path in SOCKET_PATHS:
            opts += ["-v", f"{fake_sock}:{path}"]
        for path in HOST_DIRS:
            opts += ["-v", f"{host_tree}:{path}"]
        dock.run_detached(permissive, settings.PORTAINER_IMAGE, *opts, command=[
            "-c", "mknod /dev/paas-redteam-blk b 7 250; exec /redteam/portainer.sh"])

        # Host network + host pid namespace: only the namespace probes run there (the gateway of the
        # host network is outside this machine, so probe.sh refuses the TCP probes in that case anyway).
        hostns = dock.docker("run", "--rm", "--name", f"{pre}hostns-{tag}", "--network", "host", "--pid", "host",
                             "-e", "REDTEAM_PROBE_GROUPS=namespaces", "--entrypoint", "sh",
                             settings.PORTAINER_IMAGE, "/redteam/probe.sh", timeout=120).stdout

        yield Lab(tag, net_a, net_b, bridge, bridge_gw, probe_ports, hardened, permissive, victim, victim_ip,
                  peer, hostns)
    finally:
        dock.remove_prefixed(settings.CONTROL_PREFIX)
        if listeners:
            listeners.close()
        for s in unix_socks:
            s.close()
        shutil.rmtree(tmp, ignore_errors=True)


def probe_run(container: str) -> probes.ProbeRun:
    text = dock.wait_for_log(container, "PROBES DONE", timeout=120)
    return probes.parse_probe_output(text)


# --- the portainer-like probe set --------------------------------------------------------------------------


def test_control_permissive_container_every_probe_detects(lab, ledger):
    permissive = probe_run(lab.permissive)
    hostns = probes.parse_probe_output(lab.hostns_output)
    assert hostns.done, f"probe.sh did not finish with host namespaces: {lab.hostns_output[-1000:]}"
    hardened = probe_run(lab.hardened)

    detected: dict[str, str] = {}
    for run in (permissive, hostns):
        for r in run.results:
            if r.verdict == "ok":
                detected.setdefault(r.name, r.info)
    names = [r.name for r in permissive.results]
    for r in hostns.results:
        if r.name not in names:
            names.append(r.name)
    missed = []
    for name in names:
        ledger.control("portainer-like probe", name, name in detected,
                       detected.get(name, permissive.by_name().get(name, probes.ProbeResult(name, "?")).info))
        if name not in detected:
            missed.append(name)
    assert not missed, "probes that did not detect the permissive setup: " + "; ".join(
        f"{n}: {permissive.by_name()[n].verdict} {permissive.by_name()[n].info}" if n in permissive.by_name() else n
        for n in missed)
    # Every probe the hardened (tenant-like) container ran has been shown able to detect.
    unproven = sorted({r.name for r in hardened.results} - set(detected))
    assert not unproven, f"probes never shown to detect anything: {unproven}"


def test_control_hardened_container_probes_blocked(lab, ledger):
    run = probe_run(lab.hardened)
    errors = [f"{r.name}: {r.info}" for r in run.results if r.verdict == "error"]
    assert not errors, f"probes that could not decide in a hardened container: {errors}"
    # Gateway TCP probes depend on this host's firewall (the platform's node hardening), not on the
    # container flags: report them, do not judge them here.
    wrong = [f"{r.name}: {r.info}" for r in run.results if r.verdict == "ok" and not r.name.startswith("tcp:gateway:")]
    assert not wrong, f"a container with the platform's flags still has these ways out: {wrong}"
    for r in run.results:
        if r.name.startswith("tcp:gateway:") and r.verdict == "ok":
            ledger.note(f"calibration: a plain container with tenant flags reaches {r.name} on this host "
                        f"({r.info}); the platform's node firewall must close it")


# --- exec probes used by the attacks ----------------------------------------------------------------------


def test_control_capabilities(lab, ledger):
    loose = probes.read_caps(lab.permissive)
    extra = loose["pid1"]["CapEff"] - settings.ALLOWED_CAPS
    ledger.control("capabilities", "CapEff beyond the add list (permissive)", bool(extra), f"extra: {sorted(extra)}")
    assert {"SYS_ADMIN", "NET_ADMIN"} <= extra, f"capability decoding missed added caps: {sorted(extra)}"
    tight = probes.read_caps(lab.hardened)
    for who, sets in tight.items():
        for set_name, caps in sets.items():
            assert caps <= settings.ALLOWED_CAPS, f"hardened {who} {set_name} has {sorted(caps - settings.ALLOWED_CAPS)}"
    assert tight["pid1"]["CapEff"] == settings.ALLOWED_CAPS, "decoding is off: hardened CapEff != the add list"


def test_control_read_only_root(lab, ledger):
    loose = probes.write_probe(lab.permissive, ["/", "/etc"])
    ledger.control("read-only root", "write to / (permissive)", loose["/"][0] == "ok", str(loose["/"]))
    assert loose["/"][0] == "ok", f"the write probe did not write to a writable root: {loose}"
    mounts = probes.writable_disk_mounts(lab.permissive)
    ledger.control("read-only root", "writable disk mounts (permissive)", bool(mounts), "; ".join(mounts))
    assert any(m.startswith("/ (overlay") for m in mounts), f"writable root not seen in /proc/mounts: {mounts}"

    tight = probes.write_probe(lab.hardened, ["/", "/etc", "/tmp"])
    assert tight["/"][0] == "blocked" and "Read-only file system" in tight["/"][1], tight
    assert tight["/tmp"][0] == "ok", f"tmpfs /tmp should be writable: {tight['/tmp']}"
    assert probes.writable_disk_mounts(lab.hardened) == []


def test_control_memory_limit(lab, ledger):
    mib = HARDENED_MEMORY_MB * 3 // 2
    loose = probes.memory_probe(lab.permissive, mib)
    ledger.control("memory", f"allocate {mib} MiB without a limit (permissive)", loose.completed, loose.raw)
    assert loose.completed, f"the allocation probe failed without any limit: {loose.raw}"
    tight = probes.memory_probe(lab.hardened, mib)
    assert not tight.completed and tight.oom_killed, f"hardened: {tight.raw}"
    assert tight.limit_bytes == HARDENED_MEMORY_MB * 1024 * 1024, tight.raw


def test_control_pids_limit(lab, ledger):
    cap = settings.MAX_PIDS + 64
    loose = probes.fork_bomb(lab.permissive, cap, hold=3,
                             during=lambda: probes.http_answers(lab.victim, 5000))
    ledger.control("pids", f"start {cap} processes without a pids limit (permissive)", loose.cap_reached,
                   f"started {loose.started}, pids.current {loose.pids_current}, pids.max {loose.pids_max}")
    assert loose.cap_reached and loose.started == cap, f"the fork probe stopped early: {loose.lines[-5:]}"
    tight = probes.fork_bomb(lab.hardened, cap, hold=3, during=lambda: probes.http_answers(lab.victim, 5000))
    assert not tight.cap_reached and tight.pids_current is not None and tight.pids_current <= HARDENED_PIDS, tight
    ok, status, secs = tight.during  # type: ignore[misc]
    assert ok, f"the victim stopped answering during the bounded fork bomb: {status} ({secs:.1f}s)"


def test_control_cross_network(lab, ledger, blackhole):
    verdict, evidence = probes.tcp_connect(lab.peer, lab.victim_ip, 5000)
    ledger.control("network", "connect to a task on the same overlay", verdict == "open", evidence)
    assert verdict == "open", f"the connect probe cannot reach a task on its own network: {evidence}"
    verdict, evidence = probes.tcp_connect(lab.hardened, lab.victim_ip, 5000)
    assert verdict == "blocked", f"a container on another overlay: {verdict} {evidence}"


# --- build steps ---------------------------------------------------------------------------------------


def test_control_build_without_the_sandbox(ledger):
    """The build attack's Dockerfile, built straight through the engine (no platform cgroup, so
    paas-runc leaves the step alone): its capability and privilege probes must see Docker's defaults."""
    env = dict(os.environ, DOCKER_BUILDKIT="0")
    tag = f"{settings.NAME_PREFIX}build-control:{secrets.token_hex(3)}"
    cp = subprocess.run([dock.DOCKER, "build", "--no-cache", "--network", "none", "-t", tag, "-"], input=builds.dockerfile(),
                        capture_output=True, text=True, timeout=300, env=env)
    dock.docker("rmi", "-f", tag, check=False)
    text = builds.clean(cp.stdout + cp.stderr)
    assert cp.returncode == 0, f"the control build failed: {text[-800:]}"
    run = probes.parse_probe_output(text)
    assert run.done, f"probe.sh did not finish in the control build: {text[-800:]}"
    found = run.by_name()
    for name in ("cap:MKNOD", "cap:NET_RAW"):
        ledger.control("build", f"{name} in an unconfined build step", found[name].verdict == "ok", found[name].info)
        assert found[name].verdict == "ok", f"{name}: {found[name].info}"
    extra = builds.caps(text)["CapBnd"] - settings.ALLOWED_CAPS
    ledger.control("build", "CapBnd beyond the add list in an unconfined build step", bool(extra), f"{sorted(extra)}")
    assert {"MKNOD", "NET_RAW", "SYS_CHROOT"} <= extra, f"decoding missed Docker's defaults: {sorted(extra)}"
    status = builds.status(text)
    ledger.control("build", "new privileges in an unconfined build step", status.get("NoNewPrivs") == "0", str(status))
    assert status.get("NoNewPrivs") == "0" and status.get("PIDS_MAX") == "max", status
