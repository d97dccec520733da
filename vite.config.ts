import { resolve } from 'node:path';
import preact from '@preact/preset-vite';
import { defineConfig } from 'vite';

/** One Vite page per app; the server serves dist/ at /kiosk/, /counter/ and /display/. */
export default defineConfig({
  plugins: [preact()],
  root: '.',
  base: '/',
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    rollupOptions: {
      input: {
        kiosk: resolve(import.meta.dirname, 'kiosk/index.html'),
        ticket: resolve(import.meta.dirname, 'kiosk/ticket.html'),
        book: resolve(import.meta.dirname, 'kiosk/book.html'),
        counter: resolve(import.meta.dirname, 'counter/index.html'),
        display: resolve(import.meta.dirname, 'display/index.html'),
      },
    },
  },
  server: {
    proxy: {
      '/api': 'http://127.0.0.1:8080',
      '/socket.io': { target: 'http://127.0.0.1:8080', ws: true },
    },
  },
});
