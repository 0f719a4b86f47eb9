// Distribution functions behind the experiment intervals. Reference values are closed forms where
// they exist, otherwise SciPy 1.17 (scipy.stats.norm / t / beta / chi2, scipy.special.gammaln).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chiSquarePValue1df } from '../../src/evaluate/experiment/chiSquarePValue1df.ts';
import { logGamma } from '../../src/evaluate/experiment/logGamma.ts';
import { normalCdf } from '../../src/evaluate/experiment/normalCdf.ts';
import { normalQuantile } from '../../src/evaluate/experiment/normalQuantile.ts';
import { regularizedBeta } from '../../src/evaluate/experiment/regularizedBeta.ts';
import { studentTCdf } from '../../src/evaluate/experiment/studentTCdf.ts';
import { studentTQuantile } from '../../src/evaluate/experiment/studentTQuantile.ts';

const close = (a: number, b: number, eps = 1e-12) => assert.ok(Math.abs(a - b) <= eps, `${a} != ${b} (±${eps})`);
const rel = (a: number, b: number, eps: number) => close(a, b, eps * Math.abs(b));

test('normalCdf: known values, symmetry and far tails', () => {
  close(normalCdf(0), 0.5);
  close(normalCdf(-1), 0.15865525393145707);
  close(normalCdf(1.959963984540054), 0.975);
  close(normalCdf(-3), 0.0013498980316301);
  rel(normalCdf(-10), 7.61985302416047e-24, 1e-7); // the tail is computed directly, not as 1 − Φ
  for (const x of [0.3, 1.7, 4.2, 8]) close(normalCdf(x) + normalCdf(-x), 1, 1e-15);
  assert.equal(normalCdf(-40), 0);
  assert.equal(normalCdf(40), 1);
});

test('normalQuantile (AS 241): known values and round trip through normalCdf', () => {
  close(normalQuantile(0.5), 0);
  close(normalQuantile(0.975), 1.959963984540054);
  close(normalQuantile(0.995), 2.5758293035489004);
  close(normalQuantile(1e-10), -6.361340902404056, 1e-11);
  for (const p of [1e-6, 0.01, 0.1, 0.3, 0.7, 0.9, 0.99, 1 - 1e-6]) rel(normalCdf(normalQuantile(p)), p, 1e-10);
  assert.equal(normalQuantile(0), -Infinity);
  assert.equal(normalQuantile(1), Infinity);
  assert.ok(Number.isNaN(normalQuantile(1.5)));
});

test('logGamma and regularizedBeta against closed forms', () => {
  close(logGamma(1), 0);
  close(logGamma(10), Math.log(362880), 1e-12); // Γ(10) = 9!
  close(logGamma(0.5), 0.5 * Math.log(Math.PI), 1e-13); // Γ(½) = √π
  close(logGamma(100), 359.1342053695754, 1e-10);
  // I_x(1,1) = x, I_x(a,1) = x^a, I_x(1,b) = 1 − (1−x)^b, I_½(a,a) = ½.
  close(regularizedBeta(0.37, 1, 1), 0.37);
  close(regularizedBeta(0.6, 3, 1), 0.216);
  close(regularizedBeta(0.2, 1, 4), 1 - 0.8 ** 4);
  close(regularizedBeta(0.5, 7.5, 7.5), 0.5);
  // Integer a, b: I_x(2,3) = Σ_{j=2..4} C(4,j) xʲ(1−x)^{4−j} = 6·.09·.49 + 4·.027·.7 + .0081 = 0.3483 at x = 0.3.
  close(regularizedBeta(0.3, 2, 3), 0.3483);
  close(regularizedBeta(0.9, 50, 0.5), 0.001204149832559813, 1e-13); // SciPy beta.cdf
});

test('studentTCdf: closed forms at ν = 1, 2, 3 and SciPy values', () => {
  for (const t of [-7, -1.5, -0.2, 0, 0.8, 3]) {
    close(studentTCdf(t, 1), 0.5 + Math.atan(t) / Math.PI); // Cauchy
    close(studentTCdf(t, 2), 0.5 + t / (2 * Math.sqrt(2 + t * t)));
    const u = t / Math.sqrt(3);
    close(studentTCdf(t, 3), 0.5 + (u / (1 + u * u) + Math.atan(u)) / Math.PI);
  }
  close(studentTCdf(-1.5, 3), 0.11529193262241147);
  close(studentTCdf(2, 7.5), 0.9585515023509168); // real degrees of freedom (Welch)
  rel(studentTCdf(-4, 50), 0.00010459512318201668, 1e-10);
  close(studentTCdf(1.3, Infinity), normalCdf(1.3));
});

test('studentTQuantile: t tables (SciPy), closed forms and round trips', () => {
  const table: [number, number][] = [
    [1, 12.706204736174694],
    [2, 4.302652729749462],
    [3, 3.1824463052837078],
    [5, 2.5705818356363146],
    [10, 2.228138851986274],
    [30, 2.0422724563012378],
    [100, 1.9839715185235518],
    [1000, 1.9623390808264083],
    [2.5, 3.5746548420036817],
    [3.234718826405868, 3.055712710425896],
  ];
  for (const [df, q] of table) close(studentTQuantile(0.975, df), q, 1e-11);
  for (const df of [1.5, 4, 17.3, 999])
    for (const p of [0.001, 0.05, 0.3, 0.6, 0.95, 0.9995]) close(studentTCdf(studentTQuantile(p, df), df), p, 1e-13);
  // Above ν = 1000 the quantile is the Cornish–Fisher series (SciPy t.ppf to 1e-13).
  close(studentTQuantile(0.05, 1001), -1.6463772921994682, 1e-13);
  close(studentTQuantile(0.001, 1e5), -3.090313809427238, 1e-13);
  close(studentTQuantile(0.95, 1e7), 1.6448537793284017, 1e-13);
  close(studentTQuantile(0.025, 7), -studentTQuantile(0.975, 7));
  // Large ν tends to the normal quantile: t = z + z(z²+1)/(4ν) + … (Cornish–Fisher).
  const z = normalQuantile(0.975);
  close(studentTQuantile(0.975, 1e6), z + (z * (z * z + 1)) / 4e6, 1e-11);
});

test('chiSquarePValue1df: P(χ²₁ > x) = 2Φ(−√x)', () => {
  close(chiSquarePValue1df(3.841458820694124), 0.05);
  close(chiSquarePValue1df(1), 0.31731050786291415);
  close(chiSquarePValue1df(0.2777777777777778), 0.5981614526835279); // SciPy chi2.sf
  assert.equal(chiSquarePValue1df(0), 1);
});
