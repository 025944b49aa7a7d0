export function half( {
