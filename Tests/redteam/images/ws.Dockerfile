# paas-redteam/ws:1: a WebSocket echo "app" on $PORT, to prove the ingress passes upgraded
# connections through in both directions. Built by build.sh from the local busybox base.
FROM paas-test/busybox:1
COPY rootfs/ /
ENV PATH=/usr/local/bin:/bin PORT=5000
EXPOSE 5000
ENTRYPOINT ["/redteam/ws.sh"]
