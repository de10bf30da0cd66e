export { loadConfigFile, type ConfigFile, type LoadConfigFileOptions } from './load-config-file.js';
