# paas-redteam/web:1 — a tiny tenant "app": busybox httpd on $PORT (default 5000) serving /www.
# Built by build.sh from the local busybox base (nothing can be pulled here).
FROM paas-test/busybox:1
COPY rootfs/ /
ENV PATH=/usr/local/bin:/bin PORT=5000
EXPOSE 5000
ENTRYPOINT ["/redteam/web.sh"]
