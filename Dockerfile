# Multi-stage build: the SPA with Node, the server with Rust, a slim runtime.

FROM node:20-bookworm-slim AS frontend
WORKDIR /app/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
COPY openapi/ /app/openapi/
RUN npm run build

FROM rust:1-bookworm AS server
RUN apt-get update && apt-get install -y --no-install-recommends pkg-config libssl-dev && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY Cargo.toml Cargo.lock ./
# The bundled SQLite's compile-time options (see the file).
COPY .cargo/ .cargo/
COPY src/ src/
COPY migrations/ migrations/
COPY migrations-postgres/ migrations-postgres/
COPY migrations-sqlite/ migrations-sqlite/
COPY openapi/ openapi/
RUN cargo build --release --bin jointcall

FROM debian:bookworm-slim
RUN apt-get update && apt-get install -y --no-install-recommends ca-certificates curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /var/lib/jointcall jointcall && mkdir -p /var/lib/jointcall/data && chown -R jointcall /var/lib/jointcall
WORKDIR /var/lib/jointcall
COPY --from=server /app/target/release/jointcall /usr/local/bin/jointcall
COPY --from=frontend /app/frontend/dist /usr/share/jointcall/frontend
USER jointcall
# The image listens on every interface, so it runs as production: known
# secrets, test hooks and the demo seed are refused.
ENV JOINTCALL_ENV=production \
    JOINTCALL_BIND=0.0.0.0:8080 \
    JOINTCALL_STATIC_DIR=/usr/share/jointcall/frontend \
    JOINTCALL_STORAGE_DIR=/var/lib/jointcall/data/documents
EXPOSE 8080
HEALTHCHECK --interval=10s --timeout=3s CMD curl -fsS http://127.0.0.1:8080/ready || exit 1
ENTRYPOINT ["jointcall"]
CMD ["serve"]
