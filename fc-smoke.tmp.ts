import { syntheticWorld, layoutOf, emptyTally, simulateBlock, DEFAULT_PARAMETERS, summarize } from './src/engines/forecast/index.js';
const { model, labels } = syntheticWorld({ councils: 380, wardsPerCouncil: 25, seatsPerWard: 2, polls: 4, parties: 5, factionsPerParty: 2, regions: 12, types: 5 });
console.log('seats', model.nSeats);
const l = layoutOf(model);
const tally = emptyTally(model, l);
let t0 = performance.now();
simulateBlock(model, l, DEFAULT_PARAMETERS, 1, 0, 300, tally);
let ms = performance.now() - t0;
console.log('ms', ms, 'seat-years/s', (model.nSeats * 4 * 300) / ms * 1000);
// kernel
t0 = performance.now();
let a=1,b=2,c=3,d=4,r=0,cnt=0;
for (let run=0;run<1000;run++) for (let t=0;t<4;t++) for (let s=0;s<model.nSeats;s++){ r=(a+b)|0;a=b^(b>>>9);b=(c+(c<<3))|0;c=(c<<21)|(c>>>11);d=(d+1)|0;r=(r+d)|0;c=(c+r)|0; if ((r>>>0)*2.3283064365386963e-10 < 0.02) cnt++; }
ms = performance.now() - t0;
console.log('kernel ms', ms, cnt);
const s = summarize(model, l, tally, labels);
console.log(JSON.stringify(s[0]!.councils[0]), JSON.stringify(s[0]!.national).slice(0, 400));
