# The bot in a container: `docker build -t china-llm-news-bot .` (README, "Run it as a service").
# Three stages: the build (every dependency, tsc), the runtime dependencies alone, and the image,
# which holds only the compiled bot, its runtime dependencies and the knowledge, run as `node`.

FROM node:20-slim AS build
WORKDIR /app
COPY package.json package-lock.json tsconfig.json ./
COPY src ./src
COPY commands ./commands
# The benchmarks in src/ reuse the tests' loopback Discord, so the compiler needs test/ too.
COPY test ./test
# `npm ci` compiles too (the "prepare" script): dist/ holds the bot, its commands and word list.
RUN npm ci --no-audit --no-fund

FROM node:20-slim AS deps
WORKDIR /app
COPY package.json package-lock.json ./
# No scripts: "prepare" would compile, which needs the dev dependencies left out here.
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund

FROM node:20-slim
ENV NODE_ENV=production \
    DATA_DIR=/app/data \
    KNOWLEDGE_DIR=/app/knowledge \
    HTTP_PORT=8080 \
    HTTP_HOST=0.0.0.0 \
    LOG_FORMAT=json
WORKDIR /app
COPY --from=deps /app/node_modules ./node_modules
COPY --from=build /app/dist/src ./dist/src
COPY --from=build /app/dist/commands ./dist/commands
COPY --from=build /app/dist/english-words.txt ./dist/
COPY package.json ./
COPY --chown=node:node knowledge ./knowledge
# The state folder must exist, owned by the unprivileged user, before it becomes a volume. It is
# ./data of the working folder, DATA_DIR's default, so a .env that leaves DATA_DIR empty means it too.
RUN mkdir -p /app/data && chown node:node /app/data
USER node
# Questions, the hashing secret and the search index; the articles (bind-mount your own folder).
VOLUME ["/app/data", "/app/knowledge"]
EXPOSE 8080
# node:20-slim has no curl: Node's own fetch asks /healthz (200 when connected and serving).
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HTTP_PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
# SIGTERM (docker stop) disconnects cleanly and writes the questions still queued.
STOPSIGNAL SIGTERM
CMD ["node", "dist/src/discord/bot.js"]
