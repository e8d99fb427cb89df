import { syntheticWorld, layoutOf, emptyTally, simulateBlock, DEFAULT_PARAMETERS } from './src/engines/forecast/index.js';
const { model } = syntheticWorld({ councils: 380, wardsPerCouncil: 25, seatsPerWard: 2, polls: 4, parties: 5, factionsPerParty: 2, regions: 12, types: 5 });
const l = layoutOf(model);
const R = 400;
function kernel() { let a=1,b=2,c=3,d=4,r=0,cnt=0;
for (let run=0;run<R;run++) for (let t=0;t<4;t++) for (let s=0;s<model.nSeats;s++){ r=(a+b)|0;a=b^(b>>>9);b=(c+(c<<3))|0;c=(c<<21)|(c>>>11);d=(d+1)|0;r=(r+d)|0;c=(c+r)|0; if ((r>>>0)*2.3283064365386963e-10 < 0.02) cnt++; } return cnt; }
let bm = 1e9, bk = 1e9;
for (let i = 0; i < 5; i++) {
  const tally = emptyTally(model, l);
  let t0 = performance.now(); simulateBlock(model, l, DEFAULT_PARAMETERS, 1, 0, R, tally); bm = Math.min(bm, performance.now() - t0);
  t0 = performance.now(); kernel(); bk = Math.min(bk, performance.now() - t0);
}
console.log(`model ${bm.toFixed(0)} ms kernel ${bk.toFixed(0)} ms ratio ${(bk / bm).toFixed(3)}`);
