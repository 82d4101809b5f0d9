# paas-redteam/portainer-like:1 — what a "Portainer-like" tenant image would try first: find a
# Docker socket or API, a host mount, or a platform daemon through the gateway. Its entrypoint
# prints "PROBE <name> <ok|blocked>" per probe (see rootfs/redteam/probe.sh), then serves like web.
FROM paas-test/busybox:1
COPY rootfs/ /
ENV PATH=/usr/local/bin:/bin PORT=5000
EXPOSE 5000
ENTRYPOINT ["/redteam/portainer.sh"]
