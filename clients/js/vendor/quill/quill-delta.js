import{e as a}from"./chunks/chunk-2HJZSNWJ.js";export default a();
