# One image for every Sitepass process: standard-mfa, pay-mfa, the worker, and the migrate/seed commands.
# docker-compose.yml picks the process per service with `command` (node dist/…; the paths are package.json's
# start:*, migration:run and seed:demo scripts). The default command runs standard-mfa.

# Node 24, an LTS line (supported until April 2028); --build-arg NODE_IMAGE=… builds on another. The code
# keeps running on Node >= 20.19 too (package.json "engines"), as it does outside Docker. Debian (glibc) rather
# than Alpine: the native modules (argon2, msgpackr-extract) ship prebuilt binaries for both, but Node.js rates
# musl experimental and the Alpine images carry its unofficial builds, while glibc on Debian is what the
# tests and benchmarks run on.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Fail early, with a clear message, on a base image older than the engines range.
RUN node -e "const [major, minor] = process.versions.node.split('.').map(Number); \
  if (major < 20 || (major === 20 && minor < 19)) { console.error('Sitepass needs Node >= 20.19, this image has ' + process.version); process.exit(1); }"
# Dependencies first, so that a source change does not reinstall them. The native modules install from their
# prebuilt binaries, so the slim image needs no compiler.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
# Build with the dev dependencies (Nest CLI, TypeScript), then drop them: the runtime stage copies what is left.
RUN npm run build \
 && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# Root owns the files; the processes run as the image's unprivileged `node` user (uid 1000) and only read them.
# package.json comes along so that the image says what it holds (name, version, engines).
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
# standard-mfa, pay-mfa, worker (health and metrics only)
EXPOSE 3000 3001 3002
# node itself, never `npm run`: npm does not reliably pass SIGTERM on, and each process must receive it to drain
# its requests and jobs (OPS-3). The apps handle SIGTERM and SIGINT themselves (Nest shutdown hooks), so this
# works as PID 1 too; docker-compose.yml adds an init (`init: true`) that forwards signals and reaps.
CMD ["node", "dist/apps/standard-mfa/apps/standard-mfa/src/main.js"]
