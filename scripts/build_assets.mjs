// Build the front-end assets into pulse/static (never committed):
// - compile pulse/core/static_src/app.scss with the NHS design system, without the web fonts
//   hosted on assets.nhs.uk (no third-party hosts; see docs/adr/0002-nhs-design-system.md);
// - copy the nhsuk-frontend JavaScript module, icons and manifest;
// - copy axe-core for the browser tests' accessibility checks.
import { cpSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import * as sass from "sass";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const nhsuk = join(root, "node_modules", "nhsuk-frontend", "dist", "nhsuk");
const build = join(root, "pulse", "static", "build");
const vendor = join(root, "pulse", "static", "vendor");

mkdirSync(build, { recursive: true });
mkdirSync(join(vendor, "nhsuk"), { recursive: true });

const css = sass.compile(join(root, "pulse", "core", "static_src", "app.scss"), {
  loadPaths: [join(root, "node_modules")],
  style: "compressed",
  quietDeps: true,
  silenceDeprecations: ["import"],
});
writeFileSync(join(build, "app.css"), css.css);

cpSync(join(nhsuk, "nhsuk-frontend.min.js"), join(vendor, "nhsuk", "nhsuk-frontend.min.js"));
cpSync(join(nhsuk, "assets"), join(vendor, "nhsuk", "assets"), { recursive: true });
cpSync(join(root, "pulse", "core", "static_src", "app.js"), join(build, "app.js"));
cpSync(join(root, "node_modules", "axe-core", "axe.min.js"), join(vendor, "axe.min.js"));
console.log("Built pulse/static/build and pulse/static/vendor");
