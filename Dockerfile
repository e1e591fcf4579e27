# One image for every Sitepass process: standard-mfa, pay-mfa, the worker, and the migrate/seed commands.
# docker-compose.yml picks the process per service with `command` (npm run start:<app>, migration:run, seed:demo).

# Node >= 20.19 is required (package.json "engines").
ARG NODE_IMAGE=node:20-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /app
# Fail early, with a clear message, on a base image older than the engines range.
RUN node -e "const [major, minor] = process.versions.node.split('.').map(Number); \
  if (major < 20 || (major === 20 && minor < 19)) { console.error('Sitepass needs Node >= 20.19, this image has ' + process.version); process.exit(1); }"
# Dependencies first, so that a source change does not reinstall them. argon2 ships prebuilt glibc binaries,
# so the slim image needs no compiler.
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build \
 && npm prune --omit=dev

FROM ${NODE_IMAGE} AS runtime
# NPM_CONFIG_SCRIPT_SHELL: npm runs a script as `<shell> -c "<script>"` and forwards SIGTERM/SIGINT to that
# shell. dash (the image's /bin/sh) keeps running as the parent of node and dies on SIGTERM without passing it
# on, so node would be killed without its graceful shutdown; bash execs a script's single command, so node
# itself receives the signal, drains its requests and jobs, and npm exits when it does.
ENV NODE_ENV=production \
    NPM_CONFIG_SCRIPT_SHELL=/bin/bash \
    NPM_CONFIG_UPDATE_NOTIFIER=false \
    NPM_CONFIG_FUND=false
WORKDIR /app
# Root owns the files; the processes run as the image's unprivileged `node` user and only read them.
COPY --from=build /app/package.json ./package.json
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
USER node
# standard-mfa, pay-mfa, worker (health and metrics only)
EXPOSE 3000 3001 3002
CMD ["npm", "run", "start:standard-mfa"]
