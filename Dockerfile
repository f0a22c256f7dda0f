# MockEsia: an offline twin of ESIA, with the conformance runner in the same image.
#
#   docker build -t mockesia .                       # with a registry: SDK build stage, runtime on aspnet:10.0
#   docker run -p 5000:8080 mockesia                 # ESIA on http://localhost:5000
#   docker run --rm mockesia conformance list        # the conformance runner (reports: --user "$(id -u):$(id -g)" -v "$PWD:/work" … --out /work/report)
#   docker run --rm -v mockesia-clients:/data/clients -v "$PWD:/certs:ro" mockesia clients add --id MYSYS --cert /certs/my.cer --redirect https://my.example/cb
#
# Offline (CI): publish on the host into artifacts/publish, then build only the "prebuilt" stage on a local base:
#   docker build --target prebuilt --build-arg BASE_IMAGE=local/aspnet:10.0 -t mockesia .
ARG BASE_IMAGE=mcr.microsoft.com/dotnet/aspnet:10.0
ARG SDK_IMAGE=mcr.microsoft.com/dotnet/sdk:10.0
ARG VERSION=0.1.0

# The runtime configuration shared by both runtime stages.
FROM ${BASE_IMAGE} AS runtime
ARG VERSION
LABEL org.opencontainers.image.title="MockEsia" \
      org.opencontainers.image.description="Offline twin of ESIA (Gosuslugi identity provider) with the ESIA conformance runner" \
      org.opencontainers.image.source="https://example.invalid/mockesia" \
      org.opencontainers.image.version="${VERSION}" \
      org.opencontainers.image.licenses="MIT"
WORKDIR /app
ENV ASPNETCORE_HTTP_PORTS=8080
# The integrator's own systems ("clients add"): keep them in a volume, e.g. -v mockesia-clients:/data/clients.
ENV MockEsia__ClientsPath=/data/clients
# With --https: TLS on 8443 from a local test CA kept in /data/tls (share it with the app: it trusts ca.cer.pem).
ENV MockEsia__Https__CaFolder=/data/tls MockEsia__Https__Port=8443
# The drift proxy ("proxy") writes its report into /data/drift, the runner ("conformance run") into /app/conformance-report
# by default: both writable by any user the container runs as (docker run --user "$(id -u):$(id -g)", sticky like /tmp).
RUN mkdir -p /data/clients /data/tls /data/drift /app/conformance-report && chown "$APP_UID" /data/clients /data/tls /data/drift \
 && chmod 1777 /data/drift /app/conformance-report
VOLUME /data/clients /data/tls /data/drift
EXPOSE 8080 8443
HEALTHCHECK --interval=10s --timeout=5s --start-period=5s --retries=3 CMD ["dotnet", "/app/mockesia/MockEsia.dll", "--health"]
ENTRYPOINT ["/bin/sh", "/app/entrypoint.sh"]

# Output published on the host (scripts/docker-smoke.sh does it). Before the SDK stage, so that
# "--target prebuilt" stops here even with the legacy builder.
FROM runtime AS prebuilt
COPY artifacts/publish/ /app/
USER $APP_UID

# Build from source with the SDK (needs NuGet).
FROM ${SDK_IMAGE} AS build
WORKDIR /src
COPY . .
RUN dotnet publish MockEsia/MockEsia.csproj -c Release --ucr --self-contained false -o /out/mockesia \
 && dotnet publish Conformance.Runner/Conformance.Runner.csproj -c Release -p:PlaywrightPlatform=none -o /out/conformance \
 && dotnet publish samples/ReferenceApp/ReferenceApp.csproj -c Release -o /out/referenceapp \
 && cp -r fixtures /out/fixtures \
 && cp scripts/entrypoint.sh /out/entrypoint.sh \
 && chmod -R a+rX /out

# The default: the runtime image from the build stage.
FROM runtime AS final
COPY --from=build /out/ /app/
USER $APP_UID
