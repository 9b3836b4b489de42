// Imported first by main.tsx: takes the bridge token out of the address before the router reads the fragment.
import { captureBridgeToken } from './webBridge';

captureBridgeToken();
