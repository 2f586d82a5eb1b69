# syntax=docker/dockerfile:1
# errcode: build with the full toolchain, run with production dependencies only, on the Node LTS line
# (Node 26 "Lithium", Active LTS since 2026-10-28; Node 20 reached end of life on 2026-04-30).

FROM node:26-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
# No `prepare` here: the sources are not copied yet. The build runs below, once they are.
RUN npm ci --ignore-scripts
COPY tsconfig.json tsconfig.build.json ./
COPY src ./src
COPY catalog ./catalog
COPY scripts/copy-json.mjs ./scripts/
RUN npm run build

FROM node:26-bookworm-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts

FROM node:26-bookworm-slim
# tini as PID 1: forwards SIGTERM to node and reaps zombies (or run any image with `docker run --init`).
RUN apt-get update && apt-get install -y --no-install-recommends tini && rm -rf /var/lib/apt/lists/*
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    HEALTH_PORT=9090
WORKDIR /app
COPY --from=deps --chown=node:node /app/node_modules ./node_modules
# dist/ holds the built code and the validated catalog snapshot (dist/catalog-snapshot.json).
COPY --from=build --chown=node:node /app/dist ./dist
COPY --chown=node:node package.json slack-app-manifest.yaml ./
COPY --chown=node:node scripts/start.mjs ./scripts/
# The built-in catalogs are baked in; mount your own and point CATALOG_PATHS at them, e.g. /catalogs.
COPY --chown=node:node catalog ./catalog
COPY --chown=node:node web ./web
USER node
EXPOSE 3000 9090
HEALTHCHECK --interval=30s --timeout=5s --start-period=20s --retries=3 CMD ["node", "dist/healthcheck.js"]
ENTRYPOINT ["/usr/bin/tini", "--"]
CMD ["node", "dist/main.js"]
