/**
 * Cells and sites. The country is cut into "places" (a neighbourhood); every operator has
 * one site per place with three sectors (cells), the usual macro-site layout. Subscribers
 * live and work at places; their records carry their own operator's cell at that place.
 * Province and district names are real (pre-2025 administrative units, which operators'
 * cell databases still carry); weights are rounded 2019-census populations in millions.
 */
import type { OperatorInfo } from './numbering.js';
import type { Rng } from './prng.js';

interface ProvinceSpec {
  name: string;
  lat: number;
  lon: number;
  weight: number;
  districts: readonly string[];
}

const PROVINCES: readonly ProvinceSpec[] = [
  { name: 'Hà Nội', lat: 21.028, lon: 105.834, weight: 8.1, districts: ['Ba Đình', 'Hoàn Kiếm', 'Đống Đa', 'Cầu Giấy', 'Hai Bà Trưng', 'Thanh Xuân', 'Long Biên', 'Hà Đông'] },
  { name: 'Hồ Chí Minh', lat: 10.776, lon: 106.7, weight: 9.0, districts: ['Quận 1', 'Quận 3', 'Quận 7', 'Bình Thạnh', 'Tân Bình', 'Gò Vấp', 'Thủ Đức', 'Bình Tân'] },
  { name: 'Hải Phòng', lat: 20.845, lon: 106.688, weight: 2.0, districts: ['Hồng Bàng', 'Lê Chân', 'Ngô Quyền', 'Hải An'] },
  { name: 'Đà Nẵng', lat: 16.054, lon: 108.202, weight: 1.1, districts: ['Hải Châu', 'Thanh Khê', 'Sơn Trà', 'Liên Chiểu', 'Ngũ Hành Sơn'] },
  { name: 'Cần Thơ', lat: 10.045, lon: 105.747, weight: 1.2, districts: ['Ninh Kiều', 'Cái Răng', 'Bình Thủy', 'Ô Môn'] },
  { name: 'Bình Dương', lat: 10.98, lon: 106.652, weight: 2.4, districts: ['Thủ Dầu Một', 'Dĩ An', 'Thuận An', 'Bến Cát'] },
  { name: 'Đồng Nai', lat: 10.945, lon: 106.824, weight: 3.1, districts: ['Biên Hòa', 'Long Thành', 'Nhơn Trạch', 'Trảng Bom'] },
  { name: 'Khánh Hòa', lat: 12.238, lon: 109.197, weight: 1.2, districts: ['Nha Trang', 'Cam Ranh', 'Ninh Hòa'] },
  { name: 'Nghệ An', lat: 18.679, lon: 105.681, weight: 3.3, districts: ['Vinh', 'Cửa Lò', 'Diễn Châu'] },
  { name: 'Thanh Hóa', lat: 19.807, lon: 105.776, weight: 3.6, districts: ['TP Thanh Hóa', 'Sầm Sơn', 'Bỉm Sơn'] },
  { name: 'Quảng Ninh', lat: 20.951, lon: 107.073, weight: 1.3, districts: ['Hạ Long', 'Cẩm Phả', 'Móng Cái', 'Uông Bí'] },
  { name: 'Thừa Thiên Huế', lat: 16.463, lon: 107.59, weight: 1.1, districts: ['TP Huế', 'Hương Thủy', 'Phú Vang'] },
];

export const SECTORS_PER_SITE = 3;
/** One place (neighbourhood with one site per operator) per this many subscribers. */
const SUBSCRIBERS_PER_PLACE = 250;
const MIN_PLACES = 24;

export interface Place {
  index: number;
  province: string;
  district: string;
  lat: number;
  lon: number;
}

export interface Cell {
  cellId: string;
  siteId: string;
  lat: number;
  lon: number;
  province: string;
  district: string;
  operator: string;
  place: number;
}

export class Geography {
  readonly places: Place[] = [];
  readonly cells: Cell[] = [];
  /** Places per province name, for trips that stay in town. */
  readonly placesByProvince = new Map<string, number[]>();
  /** Places per district key, for neighbouring-site fallback. */
  readonly placesByDistrict = new Map<string, number[]>();
  private readonly placeWeights: number[] = [];
  /** cellIds[opIndex][place * SECTORS_PER_SITE + sector] */
  private readonly cellIds: string[][] = [];
  private readonly siteIds: string[][] = [];
  private readonly siteOfCell = new Map<string, string>();

  constructor(rng: Rng, operators: readonly OperatorInfo[], subscribers: number) {
    const placeCount = Math.max(MIN_PLACES, Math.ceil(subscribers / SUBSCRIBERS_PER_PLACE));
    const provinceWeights = PROVINCES.map((p) => p.weight);
    // Every district gets at least one place; the rest follow population weight.
    const slots: { province: ProvinceSpec; district: number }[] = [];
    for (const province of PROVINCES) province.districts.forEach((_, d) => slots.push({ province, district: d }));
    while (slots.length < placeCount) {
      const province = PROVINCES[rng.weighted(provinceWeights)] as ProvinceSpec;
      slots.push({ province, district: rng.int(province.districts.length) });
    }
    for (const slot of slots) {
      const index = this.places.length;
      const district = slot.province.districts[slot.district] as string;
      // Districts sit ~5–10 km around the provincial centre; places ~1–2 km apart within them.
      const angle = (2 * Math.PI * slot.district) / slot.province.districts.length;
      const lat = slot.province.lat + 0.06 * Math.sin(angle) + rng.uniform(-0.015, 0.015);
      const lon = slot.province.lon + 0.06 * Math.cos(angle) + rng.uniform(-0.015, 0.015);
      this.places.push({ index, province: slot.province.name, district, lat: round5(lat), lon: round5(lon) });
      this.placeWeights.push(slot.province.weight / slot.province.districts.length);
      pushTo(this.placesByProvince, slot.province.name, index);
      pushTo(this.placesByDistrict, `${slot.province.name}|${district}`, index);
    }
    operators.forEach((op, opIndex) => {
      const cells: string[] = [];
      const sites: string[] = [];
      for (const place of this.places) {
        const districtNo = PROVINCES.findIndex((p) => p.name === place.province) * 10 + 1;
        const lac = 1000 + districtNo * 10 + (place.index % 10);
        const siteId = `${op.code.slice(4)}S${String(place.index).padStart(5, '0')}`;
        sites.push(siteId);
        for (let sector = 0; sector < SECTORS_PER_SITE; sector++) {
          const cellId = `${op.code}-${lac}-${place.index * 10 + sector + 1}`;
          cells.push(cellId);
          this.siteOfCell.set(cellId, siteId);
          this.cells.push({
            cellId, siteId, lat: place.lat, lon: place.lon, province: place.province, district: place.district, operator: op.code, place: place.index,
          });
        }
      }
      this.cellIds[opIndex] = cells;
      this.siteIds[opIndex] = sites;
    });
  }

  randomPlace(rng: Rng): number {
    return rng.weighted(this.placeWeights);
  }

  /** A place in the same province (errands, deliveries). */
  nearbyPlace(rng: Rng, place: number): number {
    const list = this.placesByProvince.get((this.places[place] as Place).province) as number[];
    return rng.pick(list);
  }

  /** Another place of the same district if any, else of the same province. */
  neighbourPlace(place: number): number {
    const p = this.places[place] as Place;
    const list = this.placesByDistrict.get(`${p.province}|${p.district}`) as number[];
    const others = list.filter((i) => i !== place);
    if (others.length > 0) return others[0] as number;
    const inProvince = (this.placesByProvince.get(p.province) as number[]).filter((i) => i !== place);
    return inProvince[0] ?? place;
  }

  cellId(opIndex: number, place: number, sector: number): string {
    return (this.cellIds[opIndex] as string[])[place * SECTORS_PER_SITE + sector] as string;
  }

  siteId(opIndex: number, place: number): string {
    return (this.siteIds[opIndex] as string[])[place] as string;
  }

  siteOf(cellId: string): string | undefined {
    return this.siteOfCell.get(cellId);
  }
}

function round5(x: number): number {
  return Math.round(x * 1e5) / 1e5;
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
