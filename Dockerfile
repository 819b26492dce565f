# One image for every role: the api (API_ROLE=http|worker|all), the migrate job and the Zoom simulator.
FROM node:20-slim

WORKDIR /app
ENV NX_DAEMON=false NX_NO_CLOUD=true

# npm 11 reads package.json's allowScripts (only the install scripts we approved run).
RUN npm install -g npm@11 --no-audit --no-fund

COPY package.json package-lock.json ./
RUN npm install --no-audit --no-fund

COPY . .
RUN npm run build

ENV NODE_ENV=production PORT=3000
EXPOSE 3000 4010
CMD ["node", "-r", "./scripts/register-paths.cjs", "dist/out-tsc/apps/api/src/main.js"]
