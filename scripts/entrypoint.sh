#!/bin/sh
# The image's entry point: MockEsia by default, the conformance runner with "conformance ...",
# the sample integrator app with "referenceapp ...", MockEsia's own subcommands with "clients ..." and "proxy ...".
set -e
if [ "${1:-}" = "clients" ]; then
  exec dotnet /app/mockesia/MockEsia.dll "$@"
fi
if [ "${1:-}" = "proxy" ]; then
  # The drift watch: options given first win over these container defaults.
  exec dotnet /app/mockesia/MockEsia.dll "$@" --urls "http://0.0.0.0:${ASPNETCORE_HTTP_PORTS:-8080}" --out /data/drift --MockEsia:FixturesPath=/app/fixtures
fi
if [ "${1:-}" = "conformance" ]; then
  shift
  exec dotnet /app/conformance/conformance.dll "$@"
fi
if [ "${1:-}" = "referenceapp" ]; then
  shift
  # The sample signs as MOCKSYS and trusts ESIA's bundled certificates (GOST and RSA, current and next) from the image's
  # fixtures, unless the environment says otherwise.
  export Esia__CertificatePath="${Esia__CertificatePath:-/app/fixtures/pki/clients/client-gost256.cer.pem}"
  export Esia__KeyPath="${Esia__KeyPath:-/app/fixtures/pki/clients/client-gost256.key.pem}"
  export Esia__TrustedCertificates__0="${Esia__TrustedCertificates__0:-/app/fixtures/pki/esia/esia-gost256.cer.pem}"
  export Esia__TrustedCertificates__1="${Esia__TrustedCertificates__1:-/app/fixtures/pki/esia/esia-gost256-next.cer.pem}"
  export Esia__TrustedCertificates__2="${Esia__TrustedCertificates__2:-/app/fixtures/pki/esia/esia-rsa.cer.pem}"
  export Esia__TrustedCertificates__3="${Esia__TrustedCertificates__3:-/app/fixtures/pki/esia/esia-rsa-next.cer.pem}"
  cd /app/referenceapp
  exec dotnet /app/referenceapp/ReferenceApp.dll --urls "http://0.0.0.0:${ASPNETCORE_HTTP_PORTS:-8080}" "$@"
fi
# In a container MockEsia listens on all interfaces of the container (publish the port on loopback: -p 127.0.0.1:5000:8080).
exec dotnet /app/mockesia/MockEsia.dll --urls "http://0.0.0.0:${ASPNETCORE_HTTP_PORTS:-8080}" --MockEsia:FixturesPath=/app/fixtures "$@"
